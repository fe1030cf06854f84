import type { LoadTarget } from "./load.js";
import { stop } from "./processes.js";
import { measure, type References } from "./references.js";
import { failedRow, type ReferenceName, type Row } from "./report.js";
import { type GatewayOptions, type Service, startGateway } from "./services.js";
import { signIn } from "./sign-in.js";

/** A row a gateway block measures: its request, and what its ratio is to. */
export interface Planned {
  target: string;
  reference: ReferenceName;
  goal?: number;
  path: "/api/me" | "/api/github/user";
}

type Use = (gateway: Service, cookie: string) => Promise<void>;

/** The request a signed-in SPA makes for `path`: the cookie, and the CSRF header the proxy wants. */
export function request(gateway: Service, cookie: string, path: Planned["path"]): LoadTarget {
  const headers: Record<string, string> =
    path === "/api/me" ? { cookie } : { cookie, "x-csrf": "1" };
  return { url: `${gateway.origin}${path}`, headers };
}

/** The line of a failed start that says why (`SyntaxError: …`, `Error [ERR_…]: …`). */
export function startFailure(err: unknown): string {
  const lines = String((err as Error)?.message ?? err)
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  // Node prints the source line of a throw first; the message starts with the error's name.
  const cause =
    lines.find((line) => /^([A-Z]\w*Error\b|Error \[ERR_)/.test(line)) ??
    lines.find((line) => /\bERR_[A-Z_]+\b/.test(line)) ??
    lines[0] ??
    "";
  return cause.replaceAll("|", "\\|").slice(0, 240);
}

/**
 * A fresh gateway signed in as octocat, its rows measured between runs of their references.
 * A gateway that does not start (say, on an older Node) fails its rows, saying why, and the
 * rest of the table is still measured.
 */
export async function gatewayBlock(
  refs: References,
  options: GatewayOptions,
  planned: Planned[],
  hooks: { before?: Use; after?: Use } = {},
): Promise<Row[]> {
  let started: Service | undefined;
  let cookie: string;
  try {
    started = await startGateway(options);
    cookie = await signIn(started.origin);
  } catch (err) {
    if (started) await stop(started.started);
    const what = started ? "cannot sign in" : "does not start";
    const why = `${what} on ${options.runtime.name}: ${startFailure(err)}`;
    return planned.map(({ path: _, ...row }) => failedRow(row, why));
  }
  const gateway = started;
  try {
    await hooks.before?.(gateway, cookie);
    const names = [...new Set(planned.map((p) => p.reference))];
    const rows = await refs.around(names, async () => {
      const measured: Row[] = [];
      for (const { path, ...row } of planned) {
        measured.push(await measure(row.target, request(gateway, cookie, path), row));
      }
      return measured;
    });
    await hooks.after?.(gateway, cookie);
    return rows;
  } finally {
    await stop(gateway.started);
  }
}
