import { type LoaderFunctionArgs, replace } from "react-router";
import { getProviders, type Provider } from "../../api";
import { loadSession, returnToPath } from "../../auth";

// If the provider list cannot be fetched, GitHub is still the one that is always there.
const FALLBACK_PROVIDERS: readonly Provider[] = [
  { id: "github", name: "GitHub", loginUrl: "/auth/github/login", api: "/api/github" },
];

export interface LoginData {
  providers: readonly Provider[];
  returnTo: string;
  error: string | null;
  /** What to tell someone who did not come here to sign in. */
  notice: LoginNotice | null;
}

/**
 * `signed_out`: the session ended while a page was open (see auth/sessionWatch.ts).
 * `provider_signed_out`: the sign-in provider sent the browser back after ending its own session
 * too (the gateway redirects its return to here).
 */
export type LoginNotice = "signed_out" | "provider_signed_out";

function noticeOf(value: string | null): LoginNotice | null {
  return value === "signed_out" || value === "provider_signed_out" ? value : null;
}

export async function loginLoader({ request }: LoaderFunctionArgs): Promise<LoginData> {
  const params = new URL(request.url).searchParams;
  const returnTo = returnToPath(params.get("returnTo"));
  const [me, providers] = await Promise.all([
    loadSession().catch(() => null),
    getProviders().catch(() => FALLBACK_PROVIDERS),
  ]);
  // Already signed in: go where the user was headed, without leaving /login in history.
  if (me) throw replace(returnTo);
  return {
    providers,
    returnTo,
    error: params.get("error"),
    notice: noticeOf(params.get("notice")),
  };
}
