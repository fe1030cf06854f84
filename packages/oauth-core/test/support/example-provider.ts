import { type OAuthProvider, Secret } from "../../src/index.js";

export const EXAMPLE_TOKEN_URL = "https://id.example.com/oauth/token";

/**
 * A standards-following provider with no quirks and client_secret_basic: it exercises the
 * shared engine's defaults, which GitHub overrides.
 */
export function exampleProvider(overrides: Partial<OAuthProvider> = {}): OAuthProvider {
  return {
    id: "example",
    name: "Example",
    clientId: "client id:é",
    authorizationEndpoint: "https://id.example.com/oauth/authorize?tenant=acme",
    tokenEndpoint: EXAMPLE_TOKEN_URL,
    apiUrl: undefined,
    scopes: ["openid", "profile"],
    pkce: true,
    clientAuth: "client_secret_basic",
    clientSecret: new Secret("s3cr+t/with:colon"),
    fetchUser: () => Promise.reject(new Error("not used")),
    ...overrides,
  };
}
