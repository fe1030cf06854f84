import { slack } from "../providers/slack.js";
import type { ProviderDefinition } from "./types.js";

export const slackDefinition: ProviderDefinition = {
  id: "slack",
  name: "Slack",
  protocol: "oidc",
  create: (o) => slack(o),
  settings: [],
  setup: {
    console: "https://api.slack.com/apps (OAuth & Permissions: redirect URL; Sign in with Slack)",
    defaultScopes: ["openid", "profile", "email"],
    refresh: "on request",
    revocation: true,
    pkce: true,
    notes:
      "A refresh token comes only when token rotation is on for the app. Revocation is Slack's auth.revoke.",
  },
};
