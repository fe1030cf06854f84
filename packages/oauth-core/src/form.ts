import type { HttpResponse, RequestContext } from "./http.js";

/** How a form is posted besides its body. */
export interface FormPost {
  /** Added to the form's `Content-Type` and `Accept`, e.g. the client's Basic credentials. */
  readonly headers?: Record<string, string>;
  /** Only for a read that happens to be a POST (VK ID's user info); else it is sent once. */
  readonly retry?: "idempotent";
}

/**
 * POSTs an `application/x-www-form-urlencoded` body and asks for JSON: how OAuth talks to token,
 * device, revocation and some user-info endpoints.
 */
export function postForm(
  ctx: RequestContext,
  url: string,
  body: URLSearchParams,
  { headers = {}, retry }: FormPost = {},
): Promise<HttpResponse> {
  return ctx.request(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/json",
      ...headers,
    },
    body: body.toString(),
    ...(retry && { retry }),
  });
}
