import { useLocation } from "react-router";
import { useSession } from "../auth";
import { SignOutButton } from "./SignOutButton";

interface NotAvailableProps {
  /** What the page would have shown, e.g. "Your repositories". */
  what: string;
  /** The provider whose API it comes from: its id (as in `/auth/<id>/login`) and its name. */
  source: { id: string; name: string };
}

/**
 * A page whose API the session cannot call (it was started with another provider): said
 * plainly, with the two ways on that can help, instead of a request the gateway would refuse
 * or a "Try again" that would be refused the same way.
 */
export function NotAvailable({ what, source }: NotAvailableProps) {
  const { providerName } = useSession();
  const { pathname, search, hash } = useLocation();
  const signIn = `/auth/${encodeURIComponent(source.id)}/login?returnTo=${encodeURIComponent(pathname + search + hash)}`;
  return (
    <>
      <h1>Not available for your sign-in provider</h1>
      <p>
        {what} come from {source.name}, and you signed in with {providerName}. Sign in with{" "}
        {source.name} to see them here.
      </p>
      <div className="actions">
        {/* A full-page link: the gateway starts a new session with that provider. */}
        <a className="button" href={signIn}>
          Sign in with {source.name}
        </a>
        <SignOutButton label={`Sign out of ${providerName}`} />
      </div>
    </>
  );
}
