import type { Engine } from "./engine.js";
import { ResponseError } from "./errors.js";
import type { HttpResponse, RequestContext } from "./http.js";
import { assertTokenAccepted, type ErrorReader, statedError } from "./provider-errors.js";
import { providerErrorFrom } from "./token-response.js";
import type { NormalizedUser } from "./types.js";

/**
 * For providers whose user endpoint is a plain REST resource: one way to read it and to turn a
 * failed answer into a typed error. Each provider says how it sends the token and how its error
 * bodies look; everything else is the same.
 */

export interface ApiCall {
  /** Named in messages, e.g. "the Discord API". */
  readonly api: string;
  /** The Authorization scheme; default "Bearer" (Yandex wants "OAuth"). */
  readonly scheme?: string;
  /** Default: an RFC 6749 `{"error": "…"}` body. */
  readonly readError?: ErrorReader;
}

/** A 2xx answer's status and JSON body, still `unknown`. */
export interface ApiJson {
  readonly status: number;
  readonly body: unknown;
}

/** GET a JSON resource as an idempotent read (retried on 502/503/504 within the timeout). */
export async function getJson(
  ctx: RequestContext,
  url: string,
  accessToken: string,
  call: ApiCall,
): Promise<ApiJson> {
  const response = await ctx.request(url, {
    headers: {
      Accept: "application/json",
      Authorization: `${call.scheme ?? "Bearer"} ${accessToken}`,
    },
    retry: "idempotent",
  });
  return jsonOf(response, call);
}

/**
 * The JSON of a 2xx answer. A 401 means the token was rejected, whatever the body says; any
 * other failure is the error the provider states, else a ResponseError naming the status.
 */
export function jsonOf(response: HttpResponse, call: ApiCall): ApiJson {
  const { status } = response;
  assertTokenAccepted(response);
  if (!response.ok) {
    throw (
      statedError(response, call.readError ?? providerErrorFrom) ??
      new ResponseError(`${call.api} answered HTTP ${status}`, status)
    );
  }
  return { status, body: response.json() };
}

export interface UserResource extends ApiCall {
  readonly url: string;
  readonly normalize: (raw: unknown, status: number) => NormalizedUser;
}

/** A `fetchUser` hook that reads one JSON resource with the token and normalizes it. */
export function userFrom(resource: UserResource): Engine["fetchUser"] {
  return async (ctx, accessToken) => {
    const { status, body: raw } = await getJson(ctx, resource.url, accessToken, resource);
    return { user: resource.normalize(raw, status), raw };
  };
}
