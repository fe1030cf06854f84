import type { ApiOption } from "@latchkey/contracts";
import type { Provider } from "@latchkey/oauth-core";
import { within } from "../deadline.js";
import type { UpstreamConfig } from "../upstream-config.js";
import type { ProviderRegistry, ProviderSlot } from "./providers.js";

/** Where an API is served: `/api/<provider id>` or `/api/<upstream name>`. */
export const apiPath = (name: string) => `/api/${name}`;

/**
 * Whether sessions of this provider may call the team's own APIs: an OpenID Connect provider's
 * access token is one those APIs can verify against its issuer, like any resource server.
 */
export function takesUpstreams(providers: ProviderRegistry, provider: string): boolean {
  return providers.get(provider)?.definition.protocol === "oidc";
}

/**
 * How long an answer about the APIs waits for a provider that is not made yet (an OpenID
 * Connect provider right after a restart, while discovery runs). `/api/me` and the login page
 * must not hang on an identity provider that is down: past this, the API is left out until
 * discovery has succeeded, and its proxy would answer 502 meanwhile anyway.
 */
export const API_LOOKUP_WAIT_MS = 1_000;

/**
 * Where a provider's API is served, or null when it has none. Whether it has one is a fact of
 * the provider itself (`Provider.api`, which a setting such as `OAUTH2_API_URL` decides), so the
 * provider is made for it: at once for plain OAuth 2.0, after discovery for OpenID Connect. A
 * provider whose discovery fails, or has not answered within API_LOOKUP_WAIT_MS, counts as
 * having none.
 */
export async function providerApiPath(slot: ProviderSlot): Promise<string | null> {
  const provider = slot.known() ?? (await madeWithin(slot, API_LOOKUP_WAIT_MS));
  return provider?.api ? apiPath(slot.id) : null;
}

async function madeWithin(slot: ProviderSlot, wait: number): Promise<Provider | undefined> {
  try {
    const outcome = await within(slot.get(), wait);
    return outcome.settled ? outcome.value : undefined;
  } catch {
    return undefined;
  }
}

/** The APIs a session of `provider` can call: its provider's own, then the team's upstreams. */
export async function sessionApis(
  providers: ProviderRegistry,
  upstreams: readonly UpstreamConfig[],
  provider: string,
): Promise<ApiOption[]> {
  const apis: ApiOption[] = [];
  const slot = providers.get(provider);
  const own = slot && (await providerApiPath(slot));
  if (own) apis.push({ name: provider, path: own, kind: "provider" });
  if (takesUpstreams(providers, provider)) {
    for (const { name } of upstreams) apis.push({ name, path: apiPath(name), kind: "upstream" });
  }
  return apis;
}
