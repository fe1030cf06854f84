import { type LoaderFunctionArgs, redirect, replace } from "react-router-dom";
import { getProviders, type Me, type Provider } from "../api";
import { loginPath, returnToFrom, safeReturnTo } from "./returnTo";
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

// If the provider list cannot be fetched, GitHub is still the one that is always there.
const FALLBACK_PROVIDERS: readonly Provider[] = [
  { id: "github", name: "GitHub", loginUrl: "/auth/github/login" },
];

export interface LoginData {
  providers: readonly Provider[];
  returnTo: string;
  error: string | null;
}

export async function loginLoader({ request }: LoaderFunctionArgs): Promise<LoginData> {
  const params = new URL(request.url).searchParams;
  const returnTo = safeReturnTo(params.get("returnTo"));
  const [me, providers] = await Promise.all([
    loadSession().catch(() => null),
    getProviders().catch(() => FALLBACK_PROVIDERS),
  ]);
  // Already signed in: go where the user was headed, without leaving /login in history.
  if (me) throw replace(returnTo);
  return { providers, returnTo, error: params.get("error") };
}
