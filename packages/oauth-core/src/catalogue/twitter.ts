import { twitter } from "../providers/twitter.js";
import type { ProviderDefinition } from "./types.js";

export const twitterDefinition: ProviderDefinition = {
  id: "twitter",
  name: "X",
  protocol: "oauth2",
  create: (o) => twitter(o),
  settings: [],
  setup: {
    console:
      "https://developer.x.com/en/portal/dashboard (User authentication: Web App, confidential client)",
    defaultScopes: ["users.read", "tweet.read", "offline.access"],
    refresh: "on request",
    revocation: true,
    pkce: true,
    notes:
      "Tokens expire after 2 hours; offline.access (asked by default) brings a refresh token. X's API v2 gives no email address.",
  },
};
