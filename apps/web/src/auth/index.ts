export { useOptionalSession, useSession } from "./hooks";
export { type LoginData, loginLoader, requireUser, sessionLoader } from "./loaders";
export { loginErrorMessage } from "./loginErrors";
export { loginPath, returnToFrom, safeReturnTo } from "./returnTo";
export { forgetSession, loadSession } from "./session";
export { signOutAction } from "./signOut";
