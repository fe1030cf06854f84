import { commonFields } from "../../common-options.js";
import type { CommonProviderOptions, ProviderDefinition } from "../../definition.js";
import type { OAuthProvider } from "../../provider.js";
import { parseTokenResponseWith } from "../../provider-errors.js";
import { generateState } from "../../random.js";
import { providerErrorFrom } from "../../token-response.js";
import { assertNonEmptyString } from "../../validate.js";
import { fetchVkUser, revokeVkToken, VK_ID_URL } from "./api.js";

const TOKEN_URL = `${VK_ID_URL}/oauth2/auth`;
const DEFAULT_SCOPES = ["vkid.personal_info", "email"];

/**
 * Options of {@link vk}: the common ones only, no provider-specific settings. Default scopes:
 * `["vkid.personal_info", "email"]`.
 */
export type VkOptions = CommonProviderOptions;

/**
 * A VK ID provider; its token requests need the device the person signed in on. Use
 * {@link bindCallbackContext} and {@link withSavedContext} to stay provider-agnostic, or
 * `withDevice` directly.
 */
export interface VkProvider extends OAuthProvider {
  /**
   * The same provider whose token requests carry VK ID's required `device_id` and `state`.
   * Exchange the code with the callback's: `withDevice(params.get("device_id"), state)`; keep
   * the device id with the tokens and refresh with `withDevice(deviceId)` (a fresh state).
   */
  withDevice(deviceId: string | null, state?: string): OAuthProvider;
}

/**
 * VK ID (OAuth 2.1: PKCE required). Access tokens last an hour and come with a refresh token;
 * VK ID also sends an id_token, which is not used here. A token request without `withDevice`
 * goes out without `device_id`, and VK ID refuses it.
 */
export function vk(options: VkOptions): VkProvider {
  const fields = commonFields(options, DEFAULT_SCOPES);
  const base = {
    ...fields,
    id: "vk",
    name: "VK ID",
    authorizationEndpoint: `${VK_ID_URL}/authorize`,
    tokenEndpoint: TOKEN_URL,
    apiUrl: undefined,
    pkce: true,
    // VK ID reads `client_id` from the body.
    clientAuth: "client_secret_post",
    // Answered with 200 or not, an `error` field is an error.
    parseTokenResponse: parseTokenResponseWith(providerErrorFrom),
    fetchUser: (ctx, accessToken) => fetchVkUser(ctx, fields.clientId, accessToken),
    revokeToken: (ctx, token) => revokeVkToken(ctx, fields.clientId, token),
  } satisfies OAuthProvider;
  const withDevice = (deviceId: string | null, state: string = generateState()) => {
    assertNonEmptyString(deviceId, "deviceId");
    assertNonEmptyString(state, "state");
    const fetch = addToTokenRequests(base.fetch, { device_id: deviceId, state });
    return Object.freeze({ ...base, fetch });
  };
  return Object.freeze({
    ...base,
    withDevice,
    // The generic form of withDevice, so callers need not know VK ID's quirk.
    tokenRequestContext: ["device_id"],
    withContext: (context: Readonly<Record<string, string>>, state?: string) =>
      withDevice(context.device_id ?? null, state),
  });
}

/**
 * The shared engine builds the token request body; VK ID's extra fields are added here, on the
 * way out, and only to requests for its token endpoint.
 */
function addToTokenRequests(
  inner: typeof fetch | undefined,
  extra: Record<string, string>,
): typeof fetch {
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url === TOKEN_URL && typeof init?.body === "string") {
      const body = new URLSearchParams(init.body);
      for (const [name, value] of Object.entries(extra)) body.set(name, value);
      init = { ...init, body: body.toString() };
    }
    // Looked up on every call, like the engine's default, so interceptors installed later work.
    return (inner ?? globalThis.fetch)(input, init);
  };
}

/** The catalogue entry for {@link vk}: how to make it from configuration, how to set it up. */
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
