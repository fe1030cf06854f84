import { findAccount, type MockContext } from "../context.js";
import type { TokenRecord } from "../state.js";
import type { MockClient, SeedAccount } from "../types.js";

export const API_DOCS = "https://docs.github.com/rest";

/** Who is calling: a user's token, an OAuth app's own credentials, or nobody. */
export type Caller =
  | { kind: "user"; token: TokenRecord; account: SeedAccount }
  | { kind: "client"; client: MockClient }
  | { kind: "anonymous" };

export type AuthResult = { ok: true; caller: Caller } | { ok: false; message: string };

export function parseBasic(header: string): { user: string; password: string } | undefined {
  const match = /^basic\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  let decoded: string;
  try {
    decoded = atob(match[1]);
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  // Basic credentials are percent-encoded by some clients (RFC 6749 §2.3.1); GitHub decodes.
  try {
    return {
      user: decodeURIComponent(decoded.slice(0, colon)),
      password: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch {
    return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
}

/**
 * Resolves the Authorization header like GitHub's API: `Bearer x` and `token x` name a
 * token, Basic carries a token as the password; anything present but unknown is
 * "Bad credentials" even on endpoints that need no authentication.
 */
export function authenticateUser(context: MockContext, request: Request): AuthResult {
  const header = request.headers.get("authorization");
  if (header === null) return { ok: true, caller: { kind: "anonymous" } };
  const token = /^(?:bearer|token)\s+(\S+)\s*$/i.exec(header)?.[1] ?? parseBasic(header)?.password;
  const record = token === undefined ? undefined : context.state.findToken(token);
  const account = record && findAccount(context, record.login);
  if (!record || !account) return { ok: false, message: "Bad credentials" };
  return { ok: true, caller: { kind: "user", token: record, account } };
}

/** The OAuth-app endpoints (/applications/…) take the app's client id and secret as Basic. */
export function authenticateClient(context: MockContext, request: Request): AuthResult {
  const header = request.headers.get("authorization");
  if (header === null) return { ok: true, caller: { kind: "anonymous" } };
  const basic = parseBasic(header);
  const client = basic && context.clients.get(basic.user);
  if (!basic || !client || client.clientSecret !== basic.password) {
    return { ok: false, message: "Bad credentials" };
  }
  return { ok: true, caller: { kind: "client", client } };
}
