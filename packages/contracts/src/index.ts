export type { ApiOption } from "./apis.js";
export type { ApiErrorCode, ErrorBody } from "./errors.js";
export type { LoginErrorCode } from "./login-error.js";
export type { LogoutBody } from "./logout.js";
export type { Me } from "./me.js";
export type { ProviderOption, ProvidersBody } from "./providers.js";
export type { SessionSummary, SessionsBody } from "./sessions.js";
export type { NormalizedUser } from "./user.js";
