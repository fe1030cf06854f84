import { discord } from "../providers/discord.js";
import type { ProviderDefinition } from "./types.js";

export const discordDefinition: ProviderDefinition = {
  id: "discord",
  name: "Discord",
  protocol: "oauth2",
  create: (o) => discord(o),
  settings: [],
  setup: {
    console: "https://discord.com/developers/applications (OAuth2)",
    defaultScopes: ["identify", "email"],
    refresh: "always",
    revocation: true,
    pkce: true,
    notes: "Access tokens last 7 days. The email is used only when Discord marks it verified.",
  },
};
