import type { HttpHandler } from "msw";
import type { MockContext } from "../context.js";
import { oidcAuthorizeHandlers } from "./authorize.js";
import { oidcDiscoveryHandlers } from "./discovery.js";
import { oidcRevokeHandlers } from "./revoke.js";
import { oidcTokenHandlers } from "./token.js";
import { oidcUserinfoHandlers } from "./userinfo.js";

/** The OpenID Connect provider under `<baseUrl>/oidc`, shown as "Google" in development. */
export function oidcHandlers(context: MockContext): HttpHandler[] {
  return [
    ...oidcDiscoveryHandlers(context),
    ...oidcAuthorizeHandlers(context),
    ...oidcTokenHandlers(context),
    ...oidcUserinfoHandlers(context),
    ...oidcRevokeHandlers(context),
  ];
}
