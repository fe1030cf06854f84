import { addClientAuthentication } from "../client-auth.js";
import { type ProviderError, ResponseError } from "../errors.js";
import type { HttpResponse, RequestContext } from "../http.js";
import { assertJsonObject, readNullableString, readOptionalBoolean, readString } from "../parse.js";
import type { OAuthProvider } from "../provider.js";
import { toHttpUrl } from "../text.js";
import { providerErrorFrom } from "../token-response.js";
import type { NormalizedUser, UserInfo } from "../types.js";
import type { OidcHooks } from "./oidc-hooks.js";

export interface UserInfoRequest {
  /** `NormalizedUser.provider`. */
  readonly providerId: string;
  /** The id_token's subject: user info about anyone else is refused. */
  readonly expectedSubject: string | undefined;
  readonly hooks?: Pick<OidcHooks, "adaptResponse" | "normalizeUser"> | undefined;
}

/** Asks the userinfo endpoint, checks the id_token's subject, and normalizes the claims. */
export async function fetchOidcUser(
  ctx: RequestContext,
  userinfoEndpoint: string,
  accessToken: string,
  { providerId, expectedSubject, hooks = {} }: UserInfoRequest,
): Promise<UserInfo> {
  const { status, body: raw } = await getUserInfo(ctx, userinfoEndpoint, accessToken);
  const claims = hooks.adaptResponse ? hooks.adaptResponse("userinfo", status, raw) : raw;
  assertJsonObject(claims, status, "the user info");
  let user = normalizeOidcUser(providerId, claims, status);
  if (hooks.normalizeUser) user = hooks.normalizeUser(user, claims, status);
  // OIDC Core §5.3.4: user info about another subject than the id_token's must not be used.
  if (expectedSubject !== undefined && user.id !== expectedSubject) {
    throw new ResponseError('the userinfo "sub" is not the id_token\'s subject', status);
  }
  return { user, raw };
}

/** GET a userinfo endpoint with the bearer token, retried as an idempotent read. */
export async function getUserInfo(
  ctx: RequestContext,
  userinfoEndpoint: string,
  accessToken: string,
): Promise<{ status: number; body: unknown }> {
  const response = await ctx.request(userinfoEndpoint, {
    headers: { Accept: "application/json", Authorization: `Bearer ${accessToken}` },
    retry: "idempotent",
  });
  if (response.status === 401) {
    throw new ResponseError("the provider rejected the access token", 401);
  }
  if (!response.ok) {
    throw new ResponseError(
      `the userinfo endpoint answered HTTP ${response.status}`,
      response.status,
    );
  }
  return { status: response.status, body: response.json() };
}

export function normalizeOidcUser(
  providerId: string,
  raw: unknown,
  status: number,
): NormalizedUser {
  assertJsonObject(raw, status, "the user info");
  const sub = readString(raw, "sub", status);
  const email = readNullableString(raw, "email", status);
  // An address the provider says it has not verified proves nothing about who this is.
  const verified = readOptionalBoolean(raw, "email_verified", status) !== false;
  return {
    provider: providerId,
    id: sub,
    login: readNullableString(raw, "preferred_username", status) ?? email ?? sub,
    name: readNullableString(raw, "name", status),
    email: verified ? email : null,
    avatarUrl: toHttpUrl(readNullableString(raw, "picture", status)),
    profileUrl: toHttpUrl(readNullableString(raw, "profile", status)),
  };
}

/** RFC 7009: POST the token, authenticated as the client; sent once. */
export async function revokeOidcToken(
  ctx: RequestContext,
  provider: OAuthProvider,
  revocationEndpoint: string,
  token: string,
): Promise<void> {
  const body = new URLSearchParams({ token, token_type_hint: "access_token" });
  const headers: Record<string, string> = {
    "Content-Type": "application/x-www-form-urlencoded",
    Accept: "application/json",
  };
  addClientAuthentication(provider, body, headers);
  const response = await ctx.request(revocationEndpoint, {
    method: "POST",
    headers,
    body: body.toString(),
  });
  // RFC 7009 §2.2: 200 also for a token that was already invalid.
  if (response.status === 200) return;
  throw (
    providerErrorIn(response) ??
    new ResponseError(`token revocation answered HTTP ${response.status}`, response.status)
  );
}

/** The OAuth error a failed answer states, when its body is JSON that states one. */
function providerErrorIn(response: HttpResponse): ProviderError | undefined {
  try {
    return providerErrorFrom(response.status, response.json());
  } catch {
    return undefined;
  }
}
