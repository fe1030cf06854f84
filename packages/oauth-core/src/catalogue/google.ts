import { google } from "../providers/google.js";
import { booleanSetting, stringSetting } from "../providers/settings.js";
import type { ProviderDefinition } from "./types.js";

export const googleDefinition: ProviderDefinition = {
  id: "google",
  name: "Google",
  protocol: "oidc",
  create: (o) =>
    google({
      ...o,
      issuer: stringSetting(o.issuer),
      offline: booleanSetting(o.offline, "offline"),
    }),
  settings: [
    {
      option: "issuer",
      env: "ISSUER",
      required: false,
      description: "default https://accounts.google.com; another issuer (the dev mock) stands in",
    },
    {
      option: "offline",
      env: "OFFLINE",
      required: false,
      description: '"true" asks for a refresh token (access_type=offline, prompt=consent)',
    },
  ],
  setup: {
    console: "https://console.cloud.google.com/apis/credentials (OAuth client ID, Web application)",
    defaultScopes: ["openid", "email", "profile"],
    refresh: "on request",
    revocation: true,
    pkce: true,
    notes:
      "A refresh token comes only with OFFLINE=true, which also makes Google ask for consent at every sign-in. The email is used only when Google marks it verified.",
  },
};
