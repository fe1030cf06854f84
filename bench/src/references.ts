import { type LoadTarget, load } from "./load.js";
import { stop } from "./processes.js";
import { averageOf, BARE_EXPRESS, BARE_PROXY, type ReferenceName, type Row } from "./report.js";
import { type Runtime, type Service, startTarget, type TargetKind } from "./services.js";

const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

/** One load run, as a table row. */
export async function measure(
  target: string,
  request: LoadTarget,
  extra: Partial<Row> = {},
): Promise<Row> {
  log(`${target} …`);
  return { target, ...(await load(request)), ...extra };
}

/**
 * The bare servers every ratio is taken against, on one runtime, each in its own process:
 * node:http and Express answering the gateway's `/api/me` bytes, http-proxy-middleware in
 * front of the same upstream as the gateway's proxy.
 */
export class References {
  private readonly runs = new Map<ReferenceName, Row[]>();
  /** A reference's run that closed the last block: it opens the next one if no other ran. */
  private lastAfter = new Map<ReferenceName, number>();

  private constructor(
    private readonly servers: Map<TargetKind, Service>,
    readonly upstream: Service,
  ) {}

  static async start(runtime: Runtime, upstream: Service, meBody: string): Promise<References> {
    const servers = new Map<TargetKind, Service>();
    for (const kind of ["bare-http", "bare-express"] as const) {
      servers.set(kind, await startTarget(kind, { runtime, body: meBody }));
    }
    servers.set(
      "bare-proxy",
      await startTarget("bare-proxy", { runtime, upstream: upstream.origin }),
    );
    return new References(servers, upstream);
  }

  /** Where a reference answers the request its gateway rows are compared on. */
  url(name: ReferenceName): string {
    return name === BARE_PROXY
      ? `${this.origin("bare-proxy")}/api/github/user`
      : `${this.origin("bare-express")}/api/me`;
  }

  private origin(kind: TargetKind): string {
    const server = this.servers.get(kind);
    if (!server) throw new Error(`${kind} is not running`);
    return server.origin;
  }

  private async now(name: ReferenceName): Promise<number> {
    const extra: Partial<Row> = name === BARE_PROXY ? { reference: BARE_EXPRESS } : {};
    const row = await measure(name, { url: this.url(name) }, extra);
    this.runs.set(name, [...(this.runs.get(name) ?? []), row]);
    return row.reqPerSec;
  }

  /**
   * Runs a block of gateway measurements between runs of the references its rows are divided
   * by: each row's baseline is the mean of the two runs around it, so a machine that slows
   * down or speeds up during the run (other processes, turbo boost, heat) moves both alike.
   */
  async around(names: ReferenceName[], block: () => Promise<Row[]>): Promise<Row[]> {
    const before = new Map<ReferenceName, number>();
    for (const name of names) before.set(name, this.lastAfter.get(name) ?? (await this.now(name)));
    const rows = await block();
    const after = new Map<ReferenceName, number>();
    for (const name of [...names].reverse()) after.set(name, await this.now(name));
    this.lastAfter = after;
    return rows.map((row) => {
      const name = row.reference ?? BARE_EXPRESS;
      const around = [before.get(name), after.get(name)];
      if (around.some((v) => v === undefined)) return row;
      return { ...row, baseline: ((around[0] ?? 0) + (around[1] ?? 0)) / 2 };
    });
  }

  /** The references' own rows, the bracketing ones as their mean, in the table's order. */
  async rows(): Promise<Row[]> {
    const rows = [await measure("bare node:http", { url: `${this.origin("bare-http")}/api/me` })];
    for (const name of [BARE_EXPRESS, BARE_PROXY] as const) {
      // Measured here when no gateway block ran (its gateway did not start on this Node).
      if (!this.runs.get(name)?.length) await this.now(name);
      const mean = averageOf(this.runs.get(name) ?? []);
      rows.push(name === BARE_PROXY ? { ...mean, reference: BARE_EXPRESS } : mean);
    }
    rows.push(await measure("direct upstream /user", { url: `${this.upstream.origin}/user` }));
    return rows;
  }

  /** How often each bracketing reference ran, and how fast, for the notes under the table. */
  runSpeeds(): string[] {
    return [...this.runs].map(([name, runs]) => {
      const speeds = runs.map((r) => Math.round(r.reqPerSec).toLocaleString("en-US"));
      return `${name} ${runs.length} times (${speeds.join(", ")} req/s)`;
    });
  }

  async stop(): Promise<void> {
    for (const server of this.servers.values()) await stop(server.started);
  }
}
