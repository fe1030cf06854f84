import { facebook } from "../providers/facebook.js";
import type { ProviderDefinition } from "./types.js";

export const facebookDefinition: ProviderDefinition = {
  id: "facebook",
  name: "Facebook",
  protocol: "oauth2",
  create: (o) => facebook(o),
  settings: [],
  setup: {
    console: "https://developers.facebook.com/apps (Facebook Login)",
    defaultScopes: ["email", "public_profile"],
    refresh: "never",
    revocation: true,
    pkce: true,
    notes:
      "Graph API v19.0. User tokens last about 60 days and cannot be refreshed; trading them for long-lived tokens is not supported. Revoking deletes the app's permissions.",
  },
};
