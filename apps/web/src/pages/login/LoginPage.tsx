import { useLoaderData } from "react-router";
import type { Provider } from "../../api";
import { loginErrorMessage, returnToPath } from "../../auth";
import { ServerProblem } from "../../components/ServerProblem";
import type { LoginData, LoginNotice } from "./loginLoader";

const NOTICES: Readonly<Record<LoginNotice, string>> = {
  signed_out: "You were signed out. Sign in again to pick up where you were.",
  provider_signed_out: "You signed out here and at your sign-in provider.",
};

export function LoginPage() {
  const { providers, returnTo, error, notice } = useLoaderData<LoginData>();
  return (
    <article className="page page--narrow">
      <title>Sign in · Latchkey</title>
      <h1>Sign in</h1>
      {error !== null && (
        <p role="alert" className="notice notice--error">
          {loginErrorMessage(error)}
        </p>
      )}
      {error === null && notice !== null && (
        <p role="status" className="notice">
          {NOTICES[notice]}
        </p>
      )}
      {"problem" in providers ? (
        <ServerProblem problem={providers.problem} />
      ) : providers.length === 0 ? (
        <p>No sign-in providers are enabled on this server.</p>
      ) : (
        <ul className="providers">
          {providers.map((provider) => (
            <li key={provider.id}>
              {/* A full-page link, not a fetch: the gateway redirects to the provider. */}
              <a className="button" href={signInHref(provider, returnTo)}>
                Sign in with {provider.name}
              </a>
            </li>
          ))}
        </ul>
      )}
      <p className="muted">
        You will come back to this site once the provider has confirmed it is you.
      </p>
    </article>
  );
}

// The gateway announces each provider's login URL; one that is not a plain same-origin path
// is ignored in favour of the conventional one.
function signInHref(provider: Provider, returnTo: string): string {
  const conventional = `/auth/${encodeURIComponent(provider.id)}/login`;
  const base =
    returnToPath(provider.loginUrl) === provider.loginUrl && !provider.loginUrl.includes("?")
      ? provider.loginUrl
      : conventional;
  return `${base}?returnTo=${encodeURIComponent(returnTo)}`;
}
