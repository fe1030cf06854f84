export { ApiError, ClientErrorCode } from "./errors";
export {
  getMe,
  getProviders,
  logout,
  type Me,
  type NormalizedUser,
  type Provider,
} from "./gateway";
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
