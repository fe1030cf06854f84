import { twitch } from "../providers/twitch.js";
import type { ProviderDefinition } from "./types.js";

export const twitchDefinition: ProviderDefinition = {
  id: "twitch",
  name: "Twitch",
  protocol: "oidc",
  create: (o) => twitch(o),
  settings: [],
  setup: {
    console: "https://dev.twitch.tv/console/apps (a confidential client)",
    defaultScopes: ["openid", "user:read:email"],
    refresh: "always",
    revocation: true,
    pkce: true,
    notes:
      "Access tokens last about 4 hours and come with a refresh token. The email and avatar are asked for with the claims parameter.",
  },
};
