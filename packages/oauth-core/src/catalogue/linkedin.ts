import { linkedin } from "../providers/linkedin.js";
import type { ProviderDefinition } from "./types.js";

export const linkedinDefinition: ProviderDefinition = {
  id: "linkedin",
  name: "LinkedIn",
  protocol: "oidc",
  create: (o) => linkedin(o),
  settings: [],
  setup: {
    console:
      'https://www.linkedin.com/developers/apps (product "Sign In with LinkedIn using OpenID Connect")',
    defaultScopes: ["openid", "profile", "email"],
    refresh: "never",
    revocation: true,
    pkce: false,
    notes:
      "Access tokens last 60 days and cannot be refreshed. PKCE is off: LinkedIn documents it for native apps only.",
  },
};
