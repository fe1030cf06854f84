import { oidc } from "../providers/oidc.js";
import type { ProviderDefinition } from "./types.js";

export const oidcDefinition: ProviderDefinition = {
  id: "oidc",
  name: "OpenID Connect",
  protocol: "oidc",
  create: (o) =>
    oidc({ ...o, issuer: String(o.issuer), ...(typeof o.name === "string" && { name: o.name }) }),
  settings: [
    {
      option: "issuer",
      env: "ISSUER",
      required: true,
      description: "the issuer URL (its /.well-known/openid-configuration is read)",
    },
    {
      option: "name",
      env: "NAME",
      required: false,
      description: 'shown as "Sign in with <NAME>"',
    },
  ],
  setup: {
    console: "your identity provider's admin console",
    defaultScopes: ["openid", "profile", "email"],
    refresh: "on request",
    revocation: true,
    pkce: true,
    notes:
      "Any OpenID Connect provider by discovery; revocation when it advertises a revocation_endpoint.",
  },
};
