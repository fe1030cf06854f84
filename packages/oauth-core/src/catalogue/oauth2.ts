import { oauth2 } from "../providers/oauth2.js";
import { booleanSetting, clientAuthSetting, stringSetting } from "../providers/settings.js";
import type { ProviderDefinition } from "./types.js";

export const oauth2Definition: ProviderDefinition = {
  id: "oauth2",
  name: "OAuth 2.0",
  protocol: "oauth2",
  create: (o) =>
    oauth2({
      ...o,
      name: stringSetting(o.name),
      authorizationUrl: String(o.authorizationUrl),
      tokenUrl: String(o.tokenUrl),
      userinfoUrl: String(o.userinfoUrl),
      revocationUrl: stringSetting(o.revocationUrl),
      pkce: booleanSetting(o.pkce, "pkce"),
      clientAuth: clientAuthSetting(o.clientAuth, "clientAuth"),
    }),
  settings: [
    {
      option: "authorizationUrl",
      env: "AUTHORIZATION_URL",
      required: true,
      description: "the authorization endpoint",
    },
    { option: "tokenUrl", env: "TOKEN_URL", required: true, description: "the token endpoint" },
    {
      option: "userinfoUrl",
      env: "USERINFO_URL",
      required: true,
      description: "answers the user as JSON to the bearer token",
    },
    {
      option: "revocationUrl",
      env: "REVOCATION_URL",
      required: false,
      description: "an RFC 7009 revocation endpoint",
    },
    {
      option: "name",
      env: "NAME",
      required: false,
      description: 'shown as "Sign in with <NAME>"',
    },
    { option: "pkce", env: "PKCE", required: false, description: '"true" (default) or "false"' },
    {
      option: "clientAuth",
      env: "CLIENT_AUTH",
      required: false,
      description: "client_secret_basic (default) or client_secret_post",
    },
  ],
  setup: {
    console: "your provider's developer console",
    defaultScopes: [],
    refresh: "on request",
    revocation: false,
    pkce: true,
    notes:
      "Any OAuth 2.0 server without OpenID Connect. The user is read from sub/id, preferred_username/login/username, name, email, picture/avatar_url and profile/html_url. Revocation only with REVOCATION_URL.",
  },
};
