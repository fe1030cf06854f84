export type { Me, NormalizedUser } from "@latchkey/contracts";
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
