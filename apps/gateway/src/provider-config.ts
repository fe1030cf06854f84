import {
  type AccessPolicy,
  providers as catalogue,
  type ProviderDefinition,
} from "@latchkey/oauth-core";
import { accessScopes, parseAccessPolicy } from "./access-config.js";

/** The built-in mock's registered apps (see @latchkey/mock-github). */
export const MOCK_CLIENTS = {
  github: { clientId: "mock-client-id", clientSecret: "mock-client-secret" },
  google: { clientId: "mock-google-client-id", clientSecret: "mock-google-client-secret" },
} as const;

/** One enabled sign-in provider, as configured. */
export interface ProviderConfig {
  id: string;
  clientId: string;
  clientSecret: string;
  scopes: string[] | undefined;
  /** Provider-specific factory options, e.g. `{ url: "https://gitlab.example.com" }`. */
  settings: Record<string, string>;
  /** Who may sign in with it; no list means anyone with an account there. */
  access: AccessPolicy;
  /**
   * What signing out ends (`<ID>_LOGOUT`): the session here only (`local`, the default), or
   * the provider's session too (`provider`: OpenID Connect RP-initiated logout; the session
   * keeps its id_token to send back as `id_token_hint`).
   */
  logout: ProviderLogout;
  /** Development fell back to the built-in mock for this provider. */
  usingMock: boolean;
}

export type ProviderLogout = "local" | "provider";

type Env = Record<string, string | undefined>;

const envName = (definition: ProviderDefinition, suffix: string) =>
  `${definition.id.toUpperCase()}_${suffix}`;

/**
 * Every catalogue provider whose `<ID>_CLIENT_ID` is set is enabled, with `<ID>_CLIENT_SECRET`,
 * optional `<ID>_SCOPES`, its own settings (`<ID>_<SETTING>`) and its access lists
 * (`<ID>_ALLOWED_<RULE>`, see access-config.ts). In development with none set,
 * the built-in mock stands in for GitHub and, through its OpenID Connect provider, for Google.
 * Problems are collected, not thrown, so the caller can report them all at once.
 */
export function parseProviders(
  env: Env,
  options: { production: boolean; mockBaseUrl: string },
  problems: string[],
): ProviderConfig[] {
  const configured: ProviderConfig[] = [];
  // Every provider's lists are checked, enabled or not: a list meant for it is never ignored.
  const policies = new Map(
    Object.values(catalogue).map((d) => [d.id, parseAccessPolicy(d, env, problems)] as const),
  );
  for (const definition of Object.values(catalogue)) {
    const clientId = env[envName(definition, "CLIENT_ID")]?.trim();
    if (!clientId) continue;
    const clientSecret = env[envName(definition, "CLIENT_SECRET")]?.trim();
    if (!clientSecret) {
      problems.push(
        `${envName(definition, "CLIENT_SECRET")}: required when ${envName(definition, "CLIENT_ID")} is set`,
      );
      continue;
    }
    const settings: Record<string, string> = {};
    for (const setting of definition.settings) {
      const value = env[envName(definition, setting.env)]?.trim();
      if (value) settings[setting.option] = value;
      else if (setting.required) {
        problems.push(
          `${envName(definition, setting.env)}: required for ${definition.name} (${setting.description})`,
        );
      }
    }
    const scopes = env[envName(definition, "SCOPES")]?.split(/[\s,]+/).filter(Boolean);
    configured.push({
      id: definition.id,
      clientId,
      clientSecret,
      scopes,
      settings,
      access: {},
      logout: parseLogout(definition, env, problems),
      usingMock: false,
    });
  }

  if (configured.length === 0 && !options.production) {
    return mockProviders(env, options.mockBaseUrl).map((p) => withAccess(p, policies));
  }
  if (configured.length === 0 && options.production) {
    problems.push(
      "GITHUB_CLIENT_ID: at least one sign-in provider is required in production (e.g. GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET)",
    );
  }
  for (const provider of configured) checkBuilds(provider, problems);
  return configured.map((p) => withAccess(p, policies));
}

/**
 * The provider's policy, and the scopes its rules need added to the default ones. Scopes set
 * by hand are left as they are: whoever set them chose.
 */
function withAccess(
  provider: ProviderConfig,
  policies: ReadonlyMap<string, AccessPolicy>,
): ProviderConfig {
  const definition = catalogue[provider.id];
  const access = policies.get(provider.id) ?? {};
  if (!definition) return { ...provider, access };
  const extra = accessScopes(definition, access);
  const scopes =
    provider.scopes ??
    (extra.length > 0 ? [...new Set([...definition.setup.defaultScopes, ...extra])] : undefined);
  return { ...provider, scopes, access };
}

/** GitHub and "Google" both served by the mock, so a fresh clone signs in with no accounts anywhere. */
function mockProviders(env: Env, mockBaseUrl: string): ProviderConfig[] {
  const mocked: ProviderConfig[] = [
    {
      id: "github",
      ...MOCK_CLIENTS.github,
      scopes: env.GITHUB_SCOPES?.split(/[\s,]+/).filter(Boolean),
      settings: {
        url: mockBaseUrl,
        ...(env.GITHUB_API_URL?.trim() && { apiUrl: env.GITHUB_API_URL.trim() }),
      },
      access: {},
      logout: "local",
      usingMock: true,
    },
    {
      id: "google",
      ...MOCK_CLIENTS.google,
      scopes: undefined,
      settings: {
        issuer: `${mockBaseUrl}/oidc`,
        // The mock's Google APIs (its `googleApiUrl`), which take the tokens its OpenID
        // provider issues: a mock Google session calls /api/google/drive/v3/files through it.
        apiUrl: env.GOOGLE_API_URL?.trim() || `${mockBaseUrl}/googleapis`,
      },
      access: {},
      logout: "local",
      usingMock: true,
    },
  ];
  return mocked.filter((provider) => provider.id in catalogue);
}

/**
 * A factory that would refuse its options (a malformed URL, say) is reported now, with the
 * rest. Factories check their options before any request; reading the configuration must not
 * reach a provider, so OpenID Connect discovery gets a fetch that refuses, and its failure is
 * dropped.
 */
function checkBuilds(provider: ProviderConfig, problems: string[]): void {
  const definition = catalogue[provider.id];
  if (!definition) return;
  try {
    definition
      .create({
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        ...(provider.scopes && { scopes: provider.scopes }),
        ...provider.settings,
        fetch: refuseFetch,
      })
      .catch(() => {});
  } catch (err) {
    problems.push(
      `${provider.id.toUpperCase()}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

const refuseFetch: typeof fetch = () =>
  Promise.reject(new Error("configuration is checked without reaching the provider"));

/**
 * `<ID>_LOGOUT`: `local` or `provider`. Only OpenID Connect has a standard way to end the
 * provider's session; whether this provider's discovery lists an end-session endpoint is
 * known once it is made, and a provider without one signs out locally (logged at logout).
 */
function parseLogout(definition: ProviderDefinition, env: Env, problems: string[]): ProviderLogout {
  const name = envName(definition, "LOGOUT");
  const value = env[name]?.trim().toLowerCase() || "local";
  if (value !== "local" && value !== "provider") {
    problems.push(`${name}: must be "local" or "provider", not "${value}"`);
    return "local";
  }
  if (value === "provider" && definition.protocol !== "oidc") {
    problems.push(
      `${name}: ${definition.name} has no standard provider logout (OpenID Connect providers only)`,
    );
    return "local";
  }
  return value;
}
