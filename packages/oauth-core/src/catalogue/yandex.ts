import { yandex } from "../providers/yandex.js";
import type { ProviderDefinition } from "./types.js";

export const yandexDefinition: ProviderDefinition = {
  id: "yandex",
  name: "Yandex",
  protocol: "oauth2",
  create: (o) => yandex(o),
  settings: [],
  setup: {
    console:
      "https://oauth.yandex.com/client/new (Web services, with login:info, login:email and login:avatar)",
    defaultScopes: ["login:info", "login:email", "login:avatar"],
    refresh: "always",
    revocation: false,
    pkce: true,
    notes:
      "Tokens last about a year. Yandex revokes only tokens issued for a device, which these are not: revokeToken says UnsupportedError and the token lives until it expires.",
  },
};
