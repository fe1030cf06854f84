export type { ApiOption, Me, NormalizedUser, SessionSummary } from "@latchkey/contracts";
export { parseApis, providerApi } from "./apis";
export { ApiError, ClientErrorCode } from "./errors";
export { getMe, logout } from "./gateway";
export { type GitHubResponse, githubGet, parseRateLimit, type RateLimit } from "./github";
export { type LinkRels, parseLinkHeader } from "./linkHeader";
export {
  expectArray,
  expectBoolean,
  expectNullableString,
  expectRecord,
  expectString,
  safeHttpUrl,
} from "./parse";
export { getProviders, type Provider } from "./providers";
export { type ProxiedResponse, proxiedGet } from "./proxied";
export { endAllSessions, endSession, getSessions } from "./sessions";
