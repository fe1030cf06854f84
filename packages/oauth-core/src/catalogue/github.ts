import { github } from "../providers/github.js";
import type { ProviderDefinition } from "./types.js";

export const githubDefinition: ProviderDefinition = {
  id: "github",
  name: "GitHub",
  protocol: "oauth2",
  create: (o) =>
    github({
      ...o,
      ...(typeof o.url === "string" && { url: o.url }),
      ...(typeof o.apiUrl === "string" && { apiUrl: o.apiUrl }),
    }),
  settings: [
    {
      option: "url",
      env: "URL",
      required: false,
      description: "GitHub Enterprise Server URL; default https://github.com",
    },
    {
      option: "apiUrl",
      env: "API_URL",
      required: false,
      description: "REST API base; default api.github.com, or <URL>/api/v3",
    },
  ],
  setup: {
    console: "https://github.com/settings/developers (OAuth Apps)",
    defaultScopes: ["read:user", "user:email"],
    refresh: "on request",
    revocation: true,
    pkce: true,
    notes:
      "OAuth App tokens do not expire; GitHub App user tokens expire after 8 hours and come with a refresh token.",
  },
};
