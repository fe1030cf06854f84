import { Provider } from "oidc-provider";
import {
  independentProviderConfig,
  listenForIssuer,
  WEB_CLIENT_DEFAULTS,
} from "../../apps/gateway/test/support/oidc-provider-config.js";

// The module's declaration (shared with the gateway's tests) covers what those tests use; a
// static client list is what this provider adds.
declare module "oidc-provider" {
  interface Configuration {
    clients?: Record<string, unknown>[];
  }
}

/**
 * People with an account at the provider: `sub` is what they type as their login. Tests that
 * count a person's sessions each take their own, since the gateway outlives every test.
 */
export const ACME_USERS = {
  ada: { name: "Ada Lovelace", preferred_username: "ada.lovelace" },
  grace: { name: "Grace Hopper", preferred_username: "grace.hopper" },
  alan: { name: "Alan Turing", preferred_username: "alan.turing" },
  barbara: { name: "Barbara Liskov", preferred_username: "barbara.liskov" },
} as const;

/** The gateway's client at the provider, as an administrator would register it. */
export const ACME_CLIENT = {
  client_id: "latchkey-e2e",
  client_secret: "latchkey-e2e-secret-at-the-provider",
} as const;

export interface AcmeProvider {
  issuer: string;
  close(): Promise<void>;
}

/**
 * panva's oidc-provider (OpenID Certified) on a loopback port: an identity provider the
 * gateway knows nothing special about, with its own login, consent and sign-out pages, refresh
 * tokens, S256 PKCE required, revocation, RP-initiated and back-channel logout. `gatewayUrl` is
 * the one relying party's public origin (its port is chosen before either starts).
 */
export async function startAcmeProvider(gatewayUrl: string): Promise<AcmeProvider> {
  const server = await listenForIssuer();
  const provider = new Provider(server.issuer, {
    ...independentProviderConfig({
      accounts: Object.fromEntries(
        Object.entries(ACME_USERS).map(([sub, user]) => [
          sub,
          { ...user, email: `${sub}@acme.test`, email_verified: true },
        ]),
      ),
      // Longer than any run, so nothing a test holds expires under it.
      ttl: {
        AccessToken: 3_600,
        IdToken: 3_600,
        RefreshToken: 86_400,
        Interaction: 3_600,
        Session: 86_400,
        Grant: 86_400,
      },
    }),
    clients: [
      {
        ...ACME_CLIENT,
        ...WEB_CLIENT_DEFAULTS,
        redirect_uris: [`${gatewayUrl}/auth/oidc/callback`],
        post_logout_redirect_uris: [`${gatewayUrl}/auth/oidc/logged-out`],
        backchannel_logout_uri: `${gatewayUrl}/auth/oidc/backchannel-logout`,
        backchannel_logout_session_required: true,
      },
    ],
  });
  server.serve(provider.callback());
  return { issuer: server.issuer, close: server.close };
}
