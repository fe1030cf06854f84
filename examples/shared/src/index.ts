// What both examples import. Each name comes from a small module that does one thing; the
// examples' own code is only the part that differs with the server framework.
export {
  type Config,
  ConfigError,
  DEFAULT_GITHUB_URL,
  DEFAULT_PORT,
  type Env,
  loadConfig,
  loadConfigOrExit,
} from "./config.js";
export { ExpiringMap, type ExpiringMapOptions } from "./expiring-map.js";
export {
  describeFailure,
  type Failure,
  ForeignOriginError,
  handleFailure,
  type Log,
  logLine,
  logToStderr,
  NoLoginUnderWayError,
} from "./failures.js";
export { LOGIN_COOKIE, PATHS, SESSION_COOKIE } from "./names.js";
export { errorPage, escapeHtml, homePage } from "./pages.js";
export {
  createStores,
  LOGIN_TTL_MS,
  type LoginTransaction,
  newSessionId,
  SESSION_TTL_MS,
  type Session,
  type Stores,
} from "./sessions.js";
export {
  type CallbackRequest,
  createSignIn,
  type LoginStart,
  type LogoutRequest,
  type SignIn,
  type SignInOptions,
} from "./sign-in.js";
