import { bitbucket } from "../providers/bitbucket.js";
import type { ProviderDefinition } from "./types.js";

export const bitbucketDefinition: ProviderDefinition = {
  id: "bitbucket",
  name: "Bitbucket",
  protocol: "oauth2",
  create: (o) => bitbucket(o),
  settings: [],
  setup: {
    console: "Bitbucket workspace settings → OAuth consumers (a private consumer, with a secret)",
    defaultScopes: ["account", "email"],
    refresh: "always",
    revocation: false,
    pkce: true,
    notes:
      "Give the consumer the Account and Email permissions. Tokens expire after 2 hours. PKCE is sent, though Bitbucket Cloud does not document checking it.",
  },
};
