import { redirect } from "react-router";
import { ApiError } from "../api";
import { loginPath, returnToFrom } from "./loginPath";
import { forgetSession, loadSession } from "./session";

/**
 * For a page's API call that failed: when the gateway said 401 and the session has really
 * ended since the guard looked, throws the redirect to sign in again and come back. Any other
 * failure is the page's to describe.
 */
export async function signInAgainIfSignedOut(error: unknown, request: Request): Promise<void> {
  if (error instanceof ApiError && error.status === 401 && !(await stillSignedIn())) {
    throw redirect(loginPath(returnToFrom(request)));
  }
}

/**
 * Asks /api/me afresh. Only a confirmed sign-out may send the user to the login page: were the
 * gateway to refuse API calls while /api/me still answers, the login page would send them
 * straight back, and round and round.
 */
async function stillSignedIn(): Promise<boolean> {
  forgetSession();
  return (await loadSession().catch(() => null)) !== null;
}
