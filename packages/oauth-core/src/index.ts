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
export type { EndSessionOptions } from "./end-session.js";
export { endSessionUrl } from "./end-session.js";
export type { LogoutTokenFailure, OAuthErrorFields } from "./errors.js";
export {
  ArgumentError,
  AuthorizationError,
  DeviceFlowError,
  ErrorCode,
  IdTokenError,
  InvalidCallbackError,
  IssuerMismatchError,
  LogoutTokenError,
  NetworkError,
  OAuthError,
  ProviderError,
  ResponseError,
  StateMismatchError,
  TimeoutError,
  UnsupportedError,
} from "./errors.js";
export { DEFAULT_TIMEOUT } from "./http.js";
export type { LogoutToken, VerifyLogoutTokenOptions } from "./oidc/logout-token.js";
export { verifyLogoutToken } from "./oidc/logout-token.js";
export { computeCodeChallenge, generateCodeVerifier } from "./pkce.js";
export type {
  AccessRule,
  ClientAuthMethod,
  Provider,
  ProviderApi,
  ProviderCapabilities,
  ProviderEndpoints,
  RefreshSupport,
  TokenType,
} from "./provider.js";
export * from "./providers/index.js";
export { generateNonce, generateState, timingSafeEqual } from "./random.js";
export type { ReturnToOptions } from "./return-to.js";
export { safeReturnTo } from "./return-to.js";
export type { RevokeTokenOptions } from "./revoke.js";
export { revokeToken } from "./revoke.js";
export { Secret } from "./secret.js";
export type { ExchangeCodeOptions, RefreshTokensOptions } from "./token.js";
export { exchangeCode, refreshTokens } from "./token.js";
export type { NormalizedUser, TokenSet, UserInfo } from "./types.js";
export type { FetchUserOptions } from "./user.js";
export { fetchUser } from "./user.js";
