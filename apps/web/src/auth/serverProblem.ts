import { ApiError, ClientErrorCode } from "../api";

/**
 * Why the app could not ask the gateway who is signed in, when the answer was not a 401.
 * `starting`: nothing answered, or a proxy in front said the gateway is not there (a 502, 503
 * or 504 without the gateway's own JSON error): in development that is the gateway still
 * starting behind Vite, so it is worth asking again by itself.
 * `failed`: the gateway answered with an error; `code` is its JSON `error`, when it sent one.
 */
export type ServerProblem =
  | { kind: "starting" }
  | { kind: "failed"; status: number; code: string | null };

const PROXY_STATUSES = new Set([502, 503, 504]);

export function serverProblemOf(error: unknown): ServerProblem {
  if (!(error instanceof ApiError)) return { kind: "failed", status: 0, code: null };
  const ownCode = error.code !== ClientErrorCode.Http && error.code !== ClientErrorCode.Network;
  if (error.status === 0 || (PROXY_STATUSES.has(error.status) && !ownCode)) {
    return { kind: "starting" };
  }
  return { kind: "failed", status: error.status, code: ownCode ? error.code : null };
}
