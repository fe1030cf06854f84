import type { ProviderApi } from "@latchkey/oauth-core";
import type { ProviderRegistry, ProviderSlot } from "../auth/providers.js";
import { takesUpstreams } from "../auth/session-apis.js";
import type { UpstreamConfig } from "../upstream-config.js";
import type { ApiTarget } from "./api-target.js";

/** A provider's own API, for its own sessions: the token it issued is the one it takes. */
export function providerApiTarget(slot: ProviderSlot, api: ProviderApi): ApiTarget {
  return {
    id: slot.id,
    label: slot.name,
    baseUrl: api.baseUrl,
    scheme: api.scheme,
    headers: api.headers,
    requestHeaders: api.requestHeaders,
    etags: api.etags,
    refusal: (session) =>
      session.provider === slot.id
        ? undefined
        : `The ${slot.name} API is available to people signed in with ${slot.name}.`,
    endsSessionOn401: true,
  };
}

/**
 * One of the team's own APIs. It gets the access token of an OpenID Connect session, which it
 * can verify against the issuer like any resource server; a plain OAuth 2.0 provider's token
 * (GitHub's) means nothing to it, so such sessions are refused before anything is sent.
 *
 * Its 401 leaves the session alone: it says this API refused the token (an audience it does
 * not accept, a clock skew, its own bug), not that the provider revoked it. Ending the session
 * there would sign people out of everything over one misconfigured service.
 */
export function upstreamApiTarget(
  upstream: UpstreamConfig,
  providers: ProviderRegistry,
): ApiTarget {
  return {
    id: upstream.name,
    label: upstream.name,
    baseUrl: upstream.url,
    scheme: "Bearer",
    headers: {},
    requestHeaders: [],
    // The team's APIs make no promise about ETags, and a cached body is a copy of the user's
    // data the upstream never agreed to have kept.
    etags: false,
    refusal: (session) =>
      takesUpstreams(providers, session.provider)
        ? undefined
        : `The ${upstream.name} API takes OpenID Connect sessions.`,
    endsSessionOn401: false,
  };
}
