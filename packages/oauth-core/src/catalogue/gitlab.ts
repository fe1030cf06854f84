import { gitlab } from "../providers/gitlab.js";
import { stringSetting } from "../providers/settings.js";
import type { ProviderDefinition } from "./types.js";

export const gitlabDefinition: ProviderDefinition = {
  id: "gitlab",
  name: "GitLab",
  protocol: "oidc",
  create: (o) => gitlab({ ...o, url: stringSetting(o.url) }),
  settings: [
    {
      option: "url",
      env: "URL",
      required: false,
      description: "a self-managed GitLab's URL; default https://gitlab.com",
    },
  ],
  setup: {
    console: "GitLab → Preferences → Applications (confidential, with the openid scope)",
    defaultScopes: ["openid", "profile", "email", "read_user"],
    refresh: "always",
    revocation: true,
    pkce: true,
    notes: "Access tokens expire after 2 hours and come with a refresh token.",
  },
};
