import { github, type OAuthProvider } from "@latchkey/oauth-core";
import type { Config } from "../config.js";

/** The providers this gateway signs people in with, by id (the `:provider` in `/auth/:provider/*`). */
export type ProviderRegistry = ReadonlyMap<string, OAuthProvider>;

export function createProviders(config: Config, fetchImpl?: typeof fetch): ProviderRegistry {
  const providers = new Map<string, OAuthProvider>();
  providers.set(
    "github",
    github({
      clientId: config.github.clientId,
      clientSecret: config.github.clientSecret,
      url: config.github.url,
      ...(config.github.apiUrl && { apiUrl: config.github.apiUrl }),
      ...(config.github.scopes && { scopes: config.github.scopes }),
      ...(fetchImpl && { fetch: fetchImpl }),
      timeout: config.providerTimeoutMs,
    }),
  );
  return providers;
}
