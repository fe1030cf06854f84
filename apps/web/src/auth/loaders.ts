import { type LoaderFunctionArgs, redirect } from "react-router";
import type { Me } from "../api";
import { loginPath, returnToFrom } from "./loginPath";
import { loadSession } from "./session";

/** Root: who is signed in, if anyone. Public pages must render even if /api/me fails. */
export async function sessionLoader(): Promise<{ me: Me | null }> {
  const me = await loadSession().catch(() => null);
  return { me };
}

/** The guard (the SPA's login_required): no session → the login page, remembering the page. */
export async function requireUser({ request }: LoaderFunctionArgs): Promise<Me> {
  const me = await loadSession();
  if (me) return me;
  throw redirect(loginPath(returnToFrom(request)));
}
