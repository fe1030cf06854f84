import { postForm } from "../../form.js";
import type { RequestContext } from "../../http.js";
import { assertJsonObject, isJsonObject, readId, readNullableString } from "../../parse.js";
import { bodyOf, revocationError } from "../../provider-errors.js";
import { jsonOf } from "../../rest-api.js";
import { toHttpUrl } from "../../text.js";
import { providerErrorFrom } from "../../token-response.js";
import type { NormalizedUser, UserInfo } from "../../types.js";

export const VK_ID_URL = "https://id.vk.com";

/**
 * POST client_id + access_token as a form: VK ID takes the token in the body, not a header.
 * It is a read, so it is retried like one.
 */
export async function fetchVkUser(
  ctx: RequestContext,
  clientId: string,
  accessToken: string,
): Promise<UserInfo> {
  const form = new URLSearchParams({ client_id: clientId, access_token: accessToken });
  const response = await postForm(ctx, `${VK_ID_URL}/oauth2/user_info`, form, {
    retry: "idempotent",
  });
  const { status, body: raw } = jsonOf(response, { api: "VK ID" });
  // VK ID may state an error with HTTP 200.
  const error = providerErrorFrom(status, raw);
  if (error) throw error;
  return { user: normalizeVkUser(raw, status), raw };
}

function normalizeVkUser(raw: unknown, status: number): NormalizedUser {
  assertJsonObject(raw, status, "the answer");
  const { user } = raw;
  assertJsonObject(user, status, '"user"');
  const id = readId(user, "user_id", status);
  const names = [
    readNullableString(user, "first_name", status),
    readNullableString(user, "last_name", status),
  ];
  const email = readNullableString(user, "email", status);
  return {
    provider: "vk",
    id,
    // VK ID gives no screen name; `id<user_id>` is VK's own handle for a profile.
    login: email ?? `id${id}`,
    name: names.filter(Boolean).join(" ") || null,
    email,
    avatarUrl: toHttpUrl(readNullableString(user, "avatar", status)),
    profileUrl: `https://vk.com/id${encodeURIComponent(id)}`,
  };
}

/** POST client_id + access_token; VK ID confirms with `{"response": 1}`. */
export async function revokeVkToken(
  ctx: RequestContext,
  clientId: string,
  token: string,
): Promise<void> {
  const form = new URLSearchParams({ client_id: clientId, access_token: token });
  const response = await postForm(ctx, `${VK_ID_URL}/oauth2/revoke`, form);
  const body = bodyOf(response);
  if (response.ok && isJsonObject(body) && body.response === 1) return;
  throw revocationError(response);
}
