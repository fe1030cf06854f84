import { vk } from "../providers/vk.js";
import type { ProviderDefinition } from "./types.js";

export const vkDefinition: ProviderDefinition = {
  id: "vk",
  name: "VK ID",
  protocol: "oauth2",
  create: (o) => vk(o),
  settings: [],
  setup: {
    console: "https://id.vk.com/about/business/go (a VK ID app for the Web)",
    defaultScopes: ["vkid.personal_info", "email"],
    refresh: "always",
    revocation: true,
    pkce: true,
    notes:
      "Token requests need the callback's device_id: oauth-core binds it (bindCallbackContext) and the gateway keeps it with the tokens for refreshes. VK ID's id_token is not used.",
  },
};
