import { oauth2Facts } from "../../src/common-options.js";
import { defineProvider } from "../../src/engine.js";
import { type ClientAuthMethod, type Provider, Secret } from "../../src/index.js";

export const EXAMPLE_TOKEN_URL = "https://id.example.com/oauth/token";
export const EXAMPLE_DEVICE_URL = "https://id.example.com/oauth/device";
export const EXAMPLE_CLIENT_ID = "client id:é";
export const EXAMPLE_CLIENT_SECRET = "s3cr+t/with:colon";

/** What a test may vary about the example provider. */
export interface ExampleProviderOptions {
  pkce?: boolean;
  clientAuth?: ClientAuthMethod;
  /** Gives it a device authorization endpoint, and so the device flow. */
  device?: boolean;
}

/**
 * A standards-following provider with no quirks and client_secret_basic: it exercises the
 * shared engine's defaults (RFC 6749 §5 token answers), which GitHub overrides. Made the way
 * every factory makes one, so the flow functions accept it.
 */
export function exampleProvider(options: ExampleProviderOptions = {}): Provider {
  const device = options.device ?? false;
  return defineProvider(
    oauth2Facts({
      id: "example",
      name: "Example",
      clientId: EXAMPLE_CLIENT_ID,
      scopes: ["openid", "profile"],
      endpoints: {
        authorization: "https://id.example.com/oauth/authorize?tenant=acme",
        token: EXAMPLE_TOKEN_URL,
        device: device ? EXAMPLE_DEVICE_URL : undefined,
      },
      capabilities: {
        refresh: "always",
        revoke: false,
        revokeRefresh: false,
        device,
        pkce: options.pkce ?? true,
        verifiedEmail: false,
        uniqueLogin: false,
      },
      access: ["users"],
      api: undefined,
    }),
    {
      clientSecret: new Secret(EXAMPLE_CLIENT_SECRET),
      clientAuth: options.clientAuth ?? "client_secret_basic",
      settings: {},
      fetchUser: () => Promise.reject(new Error("not used")),
    },
  );
}
