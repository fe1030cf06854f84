import { type LoaderFunctionArgs, redirect } from "react-router";
import type { Me } from "../api";
import { loginPath, returnToFrom } from "./loginPath";
import { type ServerProblem, serverProblemOf } from "./serverProblem";
import { loadSession } from "./session";

export interface SessionData {
  me: Me | null;
  /** Set when the gateway could not say who is signed in: the shell shows it, not the page. */
  problem: ServerProblem | null;
}

/**
 * Root: who is signed in, if anyone. A failure is data, not an error, so that "the server is
 * starting" is never mistaken for "you are not signed in".
 */
export async function sessionLoader(): Promise<SessionData> {
  try {
    return { me: await loadSession(), problem: null };
  } catch (error) {
    return { me: null, problem: serverProblemOf(error) };
  }
}

/**
 * The guard (the SPA's login_required): no session → the login page, remembering the page.
 * Every restricted page's loader awaits it before its own API call, so a signed-out visitor
 * costs one /api/me (shared with the root) and nothing else.
 */
export async function requireUser({ request }: LoaderFunctionArgs): Promise<Me> {
  const me = await loadSession();
  if (me) return me;
  throw redirect(loginPath(returnToFrom(request)));
}
