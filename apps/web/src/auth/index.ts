export { signInAgainIfSignedOut } from "./apiFailure";
export { useOptionalSession, useSession } from "./hooks";
export { requireUser, sessionLoader } from "./loaders";
export { loginErrorMessage } from "./loginErrors";
export { loginPath, returnToFrom } from "./loginPath";
export { returnToPath } from "./returnTo";
export { forgetSession, loadSession } from "./session";
export { signOutAction, signOutBy } from "./signOut";
