import { type LoaderFunctionArgs, replace } from "react-router";
import { getProviders, type Provider } from "../../api";
import { loadSession, returnToPath, type ServerProblem, serverProblemOf } from "../../auth";

export interface LoginData {
  /** The gateway's list, or why it could not be read: the page never guesses a provider. */
  providers: readonly Provider[] | { problem: ServerProblem };
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
    getProviders().catch((error: unknown) => ({ problem: serverProblemOf(error) })),
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
