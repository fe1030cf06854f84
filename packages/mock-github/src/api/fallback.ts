import { type HttpHandler, http } from "msw";
import type { MockContext } from "../context.js";
import { notFound, publicRoute } from "./respond.js";

/** Must come after every other API handler: it answers whatever they did not. */
export function apiFallbackHandlers(context: MockContext): HttpHandler[] {
  return [
    // CORS preflight, answered for any path as api.github.com does.
    http.options(
      `${context.apiUrl}/*`,
      () =>
        new Response(null, {
          status: 204,
          headers: {
            "access-control-allow-origin": "*",
            "access-control-allow-methods": "GET, POST, PATCH, PUT, DELETE",
            "access-control-allow-headers":
              "Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since, Accept-Encoding, X-GitHub-OTP, X-Requested-With, User-Agent, GraphQL-Features, X-GitHub-Api-Version",
            "access-control-max-age": "86400",
          },
        }),
    ),
    publicRoute(context, "all", "/*", {}, () => notFound()),
  ];
}
