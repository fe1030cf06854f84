import { microsoft } from "../providers/microsoft.js";
import { stringSetting } from "../providers/settings.js";
import type { ProviderDefinition } from "./types.js";

export const microsoftDefinition: ProviderDefinition = {
  id: "microsoft",
  name: "Microsoft",
  protocol: "oidc",
  create: (o) => microsoft({ ...o, tenant: stringSetting(o.tenant) }),
  settings: [
    {
      option: "tenant",
      env: "TENANT",
      required: false,
      description: "common (default), organizations, consumers, or a directory (tenant) ID",
    },
  ],
  setup: {
    console: "https://entra.microsoft.com → App registrations (Web platform, with a client secret)",
    defaultScopes: ["openid", "profile", "email", "offline_access", "User.Read"],
    refresh: "always",
    revocation: false,
    pkce: true,
    notes:
      "Entra ID has no token revocation endpoint: sign-out cannot revoke. Its email claim is not verified by Microsoft: never link accounts by it. No avatar (Graph's photo needs the token).",
  },
};
