import { commonFields, oauth2Facts, restApi } from "../../common-options.js";
import type { CommonProviderOptions, ProviderDefinition } from "../../definition.js";
import { defineProvider } from "../../engine.js";
import type { AccessRule, Provider } from "../../provider.js";
import { parseTokenResponseWith } from "../../provider-errors.js";
import { generateState } from "../../random.js";
import { providerErrorFrom } from "../../token-response.js";
import { fetchVkUser, revokeVkToken, VK_ID_URL } from "./api.js";

const DEFAULT_SCOPES = ["vkid.personal_info", "email"];
/** VK ID does not say whether an address was confirmed, so only people can be listed. */
const ACCESS: readonly AccessRule[] = ["users"];
/** VK API methods; they take the token as Bearer, and each call names its version in `v`. */
const API_URL = "https://api.vk.com/method";

/**
 * Options of {@link vk}: the common ones only, no provider-specific settings. Default scopes:
 * `["vkid.personal_info", "email"]`.
 */
export type VkOptions = CommonProviderOptions;

/**
 * VK ID (OAuth 2.1: PKCE required). Access tokens last an hour and come with a refresh token;
 * VK ID also sends an id_token, which is not used here. Its token requests need the device the
 * person signed in on: pass the callback's `device_id` as `extraParams` to
 * {@link exchangeCode}, keep it with the tokens, and pass it to {@link refreshTokens} too.
 * Every token request also carries a fresh random `state`, which VK ID requires.
 */
export function vk(options: VkOptions): Provider {
  const { clientId, clientSecret, scopes, settings } = commonFields(options, DEFAULT_SCOPES);
  return defineProvider(
    oauth2Facts({
      id: "vk",
      name: "VK ID",
      clientId,
      scopes,
      endpoints: { authorization: `${VK_ID_URL}/authorize`, token: `${VK_ID_URL}/oauth2/auth` },
      capabilities: {
        refresh: "always",
        revoke: true,
        revokeRefresh: false,
        device: false,
        pkce: true,
        verifiedEmail: false,
        // The login is an address or `id<number>`, not a name the person chose.
        uniqueLogin: false,
      },
      access: ACCESS,
      api: restApi(API_URL),
      tokenParams: ["device_id"],
    }),
    {
      clientSecret,
      // VK ID reads `client_id` from the body.
      clientAuth: "client_secret_post",
      settings,
      tokenRequestParams: () => ({ state: generateState() }),
      // Answered with 200 or not, an `error` field is an error.
      processTokenResponse: (_ctx, response) =>
        parseTokenResponseWith(providerErrorFrom)(response.status, response.json()),
      fetchUser: (ctx, accessToken) => fetchVkUser(ctx, clientId, accessToken),
      revokeToken: (ctx, token) => revokeVkToken(ctx, clientId, token),
    },
  );
}

/** The catalogue entry for {@link vk}: how to make it from configuration, how to set it up. */
export const vkDefinition: ProviderDefinition = {
  id: "vk",
  name: "VK ID",
  protocol: "oauth2",
  create: (o) => Promise.resolve(vk(o)),
  access: ACCESS,
  settings: [],
  setup: {
    console: "https://id.vk.com/about/business/go (a VK ID app for the Web)",
    defaultScopes: ["vkid.personal_info", "email"],
    refresh: "always",
    revocation: true,
    pkce: true,
    notes:
      "Token requests need the callback's device_id (tokenParams): pass it as extraParams to exchangeCode, keep it with the tokens and pass it to refreshTokens; each token request gets a fresh state. VK ID's id_token is not used. API calls name their version (v=5.199).",
  },
};
