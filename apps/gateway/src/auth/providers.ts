import { providers as catalogue, type OAuthProvider } from "@latchkey/oauth-core";
import type { Config } from "../config.js";

/** The providers this gateway signs people in with, by id (the `:provider` in `/auth/:provider/*`). */
export type ProviderRegistry = ReadonlyMap<string, OAuthProvider>;

export function createProviders(config: Config, fetchImpl?: typeof fetch): ProviderRegistry {
  const registry = new Map<string, OAuthProvider>();
  for (const provider of config.providers) {
    const definition = catalogue[provider.id];
    if (!definition) throw new Error(`Unknown provider "${provider.id}"`);
    const { orgs, teams } = config.githubAccess;
    // Private org and team memberships are invisible without read:org.
    const scopes =
      provider.scopes ??
      (provider.id === "github" && orgs.length + teams.length > 0
        ? [...definition.setup.defaultScopes, "read:org"]
        : undefined);
    registry.set(
      provider.id,
      definition.create({
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        ...(scopes && { scopes }),
        ...provider.settings,
        ...(fetchImpl && { fetch: fetchImpl }),
        timeout: config.providerTimeoutMs,
      }),
    );
  }
  return registry;
}
