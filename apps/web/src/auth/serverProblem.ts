import { ApiError, ClientErrorCode } from "../api";

/**
 * Why the app could not ask the gateway who is signed in, when the answer was not a 401.
 * `starting`: nothing answered, or a proxy in front said the gateway is not there (a 502, 503
 * or 504 without the gateway's own JSON error): in development that is the gateway still
 * starting behind Vite, so it is worth asking again by itself.
 * `failed`: the gateway answered with an error; `detail` is its JSON `error` code when it sent
 * one, else the HTTP status, for whoever reports the problem.
 */
export type ServerProblem = { kind: "starting" } | { kind: "failed"; detail: string | null };

export function serverProblemOf(error: unknown): ServerProblem {
  if (!(error instanceof ApiError)) return { kind: "failed", detail: null };
  const { status, code } = error;
  const ownCode = code !== ClientErrorCode.Http && code !== ClientErrorCode.Network;
  if (status === 0 || (status >= 502 && status <= 504 && !ownCode)) return { kind: "starting" };
  return { kind: "failed", detail: ownCode ? `error code ${code}` : `HTTP ${status}` };
}
