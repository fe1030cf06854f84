export type { AccessDecision, AccessPolicy, AccessSubject } from "./access.js";
export { assertAccessPolicy, checkAccess } from "./access.js";
export type { AuthorizationRequest, AuthorizationRequestOptions } from "./authorization.js";
export { createAuthorizationRequest } from "./authorization.js";
export type { CallbackChecks, ParseCallbackOptions } from "./callback.js";
export { callbackChecksFor, parseCallback } from "./callback.js";
export type {
  CommonProviderOptions,
  ProviderDefinition,
  ProviderFactoryOptions,
  ProviderSetting,
} from "./catalogue/index.js";
export { providers } from "./catalogue/index.js";
export type {
  DevicePollState,
  PollDeviceTokenOptions,
  StartDeviceAuthorizationOptions,
} from "./device.js";
export { DEVICE_CODE_GRANT, pollDeviceToken, startDeviceAuthorization } from "./device.js";
export type { DeviceAuthorization } from "./device-response.js";
export type { OAuthErrorFields } from "./errors.js";
export {
  ArgumentError,
  AuthorizationError,
  DeviceFlowError,
  ErrorCode,
  IdTokenError,
  InvalidCallbackError,
  IssuerMismatchError,
  NetworkError,
  OAuthError,
  ProviderError,
  ResponseError,
  StateMismatchError,
  TimeoutError,
  UnsupportedError,
} from "./errors.js";
export { DEFAULT_TIMEOUT } from "./http.js";
export { computeCodeChallenge, generateCodeVerifier } from "./pkce.js";
export type {
  AccessRule,
  ClientAuthMethod,
  Provider,
  ProviderApi,
  ProviderCapabilities,
  ProviderEndpoints,
  RefreshSupport,
} from "./provider.js";
export { type BitbucketOptions, bitbucket } from "./providers/bitbucket.js";
export { type DiscordOptions, discord } from "./providers/discord.js";
export { type FacebookOptions, facebook } from "./providers/facebook.js";
export type { GitHubOptions } from "./providers/github/github.js";
export { github } from "./providers/github/github.js";
export type { GitLabOptions } from "./providers/gitlab.js";
export { gitlab } from "./providers/gitlab.js";
export type { GoogleOptions } from "./providers/google.js";
export { google } from "./providers/google.js";
export type { LinkedInOptions } from "./providers/linkedin.js";
export { linkedin } from "./providers/linkedin.js";
export type { MicrosoftOptions } from "./providers/microsoft.js";
export { microsoft } from "./providers/microsoft.js";
export type { OAuth2Options } from "./providers/oauth2.js";
export { oauth2 } from "./providers/oauth2.js";
export type { OidcOptions } from "./providers/oidc.js";
export { oidc } from "./providers/oidc.js";
export type { SlackOptions } from "./providers/slack.js";
export { slack } from "./providers/slack.js";
export { type SpotifyOptions, spotify } from "./providers/spotify.js";
export type { TwitchOptions } from "./providers/twitch.js";
export { twitch } from "./providers/twitch.js";
export { type TwitterOptions, twitter } from "./providers/twitter.js";
export { type VkOptions, vk } from "./providers/vk/vk.js";
export { type YandexOptions, yandex } from "./providers/yandex.js";
export { generateNonce, generateState, timingSafeEqual } from "./random.js";
export type { ReturnToOptions } from "./return-to.js";
export { safeReturnTo } from "./return-to.js";
export { revokeToken } from "./revoke.js";
export { Secret } from "./secret.js";
export type { ExchangeCodeOptions, RefreshTokensOptions } from "./token.js";
export { exchangeCode, refreshTokens } from "./token.js";
export type { NormalizedUser, TokenSet, UserInfo } from "./types.js";
export type { FetchUserOptions } from "./user.js";
export { fetchUser } from "./user.js";
