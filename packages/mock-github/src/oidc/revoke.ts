import type { HttpHandler } from "msw";
import type { MockContext } from "../context.js";
import { clientEndpoint, oauthError } from "./respond.js";

export function oidcRevokeHandlers(context: MockContext): HttpHandler[] {
  return [
    // RFC 7009: 200 whether or not the token was known, so a client learns nothing from it.
    clientEndpoint(context, "/revoke", (client, form) => {
      const token = form.get("token");
      if (!token) return oauthError(400, "invalid_request", "token is required.");
      context.oidc.store.revoke(token, client.clientId);
      return new Response(null, { status: 200, headers: { "cache-control": "no-store" } });
    }),
  ];
}
