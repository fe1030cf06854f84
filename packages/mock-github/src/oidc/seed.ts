import type { MockOidcClient } from "./types.js";

export const MOCK_OIDC_CLIENT_ID = "mock-google-client-id";
export const MOCK_OIDC_CLIENT_SECRET = "mock-google-client-secret";

export const seedOidcClients: readonly MockOidcClient[] = [
  {
    clientId: MOCK_OIDC_CLIENT_ID,
    clientSecret: MOCK_OIDC_CLIENT_SECRET,
    name: "Latchkey (development)",
  },
];
