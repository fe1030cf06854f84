import type { RevocationStore } from "../session/store-contract.js";
import { ExpiringMap } from "./expiring-map.js";

/** One process's memory: right for a single gateway; several need a shared store. */
export class MemoryRevocationStore implements RevocationStore {
  private readonly revoked: ExpiringMap<true>;
  private readonly sweeper: NodeJS.Timeout;

  constructor(now: () => number = Date.now, sweepEveryMs = 60_000) {
    this.revoked = new ExpiringMap(now);
    // Entries outlive nothing: once the session would have expired, its entry is useless.
    this.sweeper = setInterval(() => this.sweep(), sweepEveryMs);
    this.sweeper.unref();
  }

  async revoke(sid: string, untilMs: number): Promise<void> {
    this.revoked.set(sid, true, untilMs);
  }

  async isRevoked(sid: string): Promise<boolean> {
    return this.revoked.get(sid) === true;
  }

  async ping(): Promise<void> {}

  get size(): number {
    return this.revoked.size;
  }

  sweep(): void {
    this.revoked.sweep();
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}
