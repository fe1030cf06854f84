import { ResponseError } from "../errors.js";
import type { RequestContext } from "../http.js";
import { assertJsonObject, readNullableString, readOptionalBoolean, readString } from "../parse.js";
import { assertTokenAccepted } from "../provider-errors.js";
import { toHttpUrl } from "../text.js";
import type { NormalizedUser, UserInfo } from "../types.js";
import type { OidcHooks } from "./hooks.js";

export interface UserInfoRequest {
  /** `NormalizedUser.provider`. */
  readonly providerId: string;
  /** The id_token's subject: user info about anyone else is refused. */
  readonly expectedSubject: string | undefined;
  /**
   * Keep `email` only when `email_verified` is true, so that a provider whose capabilities say
   * every address is verified keeps that promise even when a claim is left out.
   */
  readonly requireVerifiedEmail?: boolean | undefined;
  readonly hooks?: Pick<OidcHooks, "adaptResponse" | "normalizeUser"> | undefined;
}

/** Asks the userinfo endpoint, checks the id_token's subject, and normalizes the claims. */
export async function fetchOidcUser(
  ctx: RequestContext,
  userinfoEndpoint: string,
  accessToken: string,
  { providerId, expectedSubject, requireVerifiedEmail = false, hooks = {} }: UserInfoRequest,
): Promise<UserInfo> {
  const { status, body: raw } = await getUserInfo(ctx, userinfoEndpoint, accessToken);
  const claims = hooks.adaptResponse ? hooks.adaptResponse("userinfo", status, raw) : raw;
  assertJsonObject(claims, status, "the user info");
  let user = normalizeOidcUser(providerId, claims, status, requireVerifiedEmail);
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
  assertTokenAccepted(response);
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
  requireVerifiedEmail = false,
): NormalizedUser {
  assertJsonObject(raw, status, "the user info");
  const sub = readString(raw, "sub", status);
  const email = readNullableString(raw, "email", status);
  // An address the provider says it has not verified proves nothing about who this is.
  const claimed = readOptionalBoolean(raw, "email_verified", status);
  const verified = requireVerifiedEmail ? claimed === true : claimed !== false;
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
