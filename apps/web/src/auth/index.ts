export { signInAgainIfSignedOut } from "./apiFailure";
export { useOptionalSession, useServerProblem, useSession } from "./hooks";
export { requireUser, type SessionData, sessionLoader } from "./loaders";
export { loginErrorMessage } from "./loginErrors";
export { loginPath, returnToFrom } from "./loginPath";
export { returnToPath } from "./returnTo";
export { type ServerProblem, serverProblemOf } from "./serverProblem";
export { forgetSession, loadSession } from "./session";
export { signOutAction, signOutBy } from "./signOut";
