import {
  type ClientRateLimitInfo,
  MemoryStore,
  type Options,
  type Store,
} from "express-rate-limit";
import type { Logger } from "pino";
import { withinDeadline } from "./guarded.js";

/**
 * The shared counters while the shared store answers, this process's own while it does
 * not. An outage then loosens the limit to one per instance rather than lifting it or
 * refusing every sign-in: /auth/* stays usable, and still limited. Said once each way in
 * the logs, so a limit that quietly stopped being shared does not go unnoticed.
 */
export class FailoverRateLimitStore implements Store {
  readonly localKeys = false;
  private readonly fallback = new MemoryStore();
  private degraded = false;
  private options: Options | undefined;
  /** The shared store's start; undefined again after it failed, so the next use retries it. */
  private started: Promise<void> | undefined;

  constructor(
    private readonly primary: Store,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {}

  init(options: Options): void {
    this.options = options;
    this.fallback.init(options);
    // Redis may well be down while the gateway starts: that must not stop the process, and
    // the shared counters must be back once it is (the next count starts it again).
    this.start().catch(() => {});
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    try {
      const counted = await this.bounded(async () => {
        await this.start();
        return this.primary.increment(key);
      });
      if (this.degraded) {
        this.degraded = false;
        this.logger.info("rate limit: counting in the shared store again");
      }
      return counted;
    } catch (err) {
      if (!this.degraded) {
        this.degraded = true;
        this.logger.warn(
          { err: { message: err instanceof Error ? err.message : String(err) } },
          "rate limit: the shared store failed; counting in this instance's memory meanwhile",
        );
      }
      return this.fallback.increment(key);
    }
  }

  async decrement(key: string): Promise<void> {
    await Promise.allSettled([
      this.bounded(async () => this.primary.decrement(key)),
      this.fallback.decrement(key),
    ]);
  }

  async resetKey(key: string): Promise<void> {
    await Promise.allSettled([
      this.bounded(async () => this.primary.resetKey(key)),
      this.fallback.resetKey(key),
    ]);
  }

  shutdown(): void {
    this.fallback.shutdown();
  }

  private start(): Promise<void> {
    if (this.started) return this.started;
    const { options } = this;
    const started = (async () => {
      if (options) await this.primary.init?.(options);
    })();
    this.started = started;
    started.catch(() => {
      if (this.started === started) this.started = undefined;
    });
    return started;
  }

  private bounded<T>(call: () => Promise<T>): Promise<T> {
    return withinDeadline("rateLimit", this.timeoutMs, call);
  }
}
