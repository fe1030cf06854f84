import {
  type AccessPolicy,
  providers as catalogue,
  type Provider,
  type ProviderDefinition,
} from "@latchkey/oauth-core";
import type { Config } from "../config.js";
import { GatewayError } from "../errors.js";
import type { ProviderConfig, ProviderLogout } from "../provider-config.js";

/**
 * One configured provider. What is known from configuration is here at once; the provider
 * itself comes from `get()`, since an OpenID Connect one exists only after discovery.
 */
export interface ProviderSlot {
  readonly id: string;
  /** For "Sign in with …": the configured name where the provider takes one (`OIDC_NAME`). */
  readonly name: string;
  readonly definition: ProviderDefinition;
  /** Its settings as configured (`url`, `issuer`…), for what must be known before discovery. */
  readonly settings: Readonly<Record<string, string>>;
  /** Who may sign in with it. */
  readonly access: AccessPolicy;
  /** What signing out ends: the session here, or the provider's too (`<ID>_LOGOUT`). */
  readonly logout: ProviderLogout;
  /**
   * The provider, made once and shared by every caller. A failure (discovery down) is not
   * kept: the next call tries again.
   */
  get(): Promise<Provider>;
  /** The provider once `get()` has succeeded, else undefined; never starts anything. */
  known(): Provider | undefined;
}

/** The providers this gateway signs people in with, by id (the `:provider` in `/auth/:provider/*`). */
export type ProviderRegistry = ReadonlyMap<string, ProviderSlot>;

/** Configuration named a provider the catalogue does not have: a start that cannot go on. */
export class UnknownProviderError extends GatewayError {
  readonly status = 500;
  readonly code = "unknown_provider";
  readonly expose = false;

  constructor(id: string) {
    super(`Unknown provider "${id}"`);
  }
}

export function createProviders(config: Config, fetchImpl?: typeof fetch): ProviderRegistry {
  const registry = new Map<string, ProviderSlot>();
  for (const configured of config.providers) {
    const definition = catalogue[configured.id];
    if (!definition) throw new UnknownProviderError(configured.id);
    registry.set(
      configured.id,
      providerSlot(configured, definition, () =>
        definition.create({
          clientId: configured.clientId,
          clientSecret: configured.clientSecret,
          ...(configured.scopes && { scopes: configured.scopes }),
          ...configured.settings,
          ...(fetchImpl && { fetch: fetchImpl }),
          timeout: config.providerTimeoutMs,
        }),
      ),
    );
  }
  return registry;
}

/** A slot that makes its provider with `make`, at most one attempt at a time. */
export function providerSlot(
  configured: Pick<ProviderConfig, "id" | "settings" | "access"> &
    Partial<Pick<ProviderConfig, "logout">>,
  definition: ProviderDefinition,
  make: () => Promise<Provider>,
): ProviderSlot {
  let pending: Promise<Provider> | undefined;
  let made: Provider | undefined;
  return {
    id: configured.id,
    name: configured.settings.name ?? definition.name,
    definition,
    settings: configured.settings,
    access: configured.access,
    logout: configured.logout ?? "local",
    get() {
      // `make` runs a tick later, so even a synchronous throw settles after `pending` is set
      // and is forgotten like any other failure.
      pending ??= Promise.resolve()
        .then(make)
        .then(
          (provider) => {
            made = provider;
            return provider;
          },
          (err: unknown) => {
            pending = undefined;
            throw err;
          },
        );
      return pending;
    },
    known: () => made,
  };
}
