import { Link } from "react-router";

interface NotAvailableProps {
  /** What the page would have shown, e.g. "Your repositories". */
  what: string;
  /** Where that comes from, e.g. "GitHub". */
  source: string;
}

/**
 * A page whose API the session cannot call (it was started with another provider): said
 * plainly, instead of a request the gateway would refuse.
 */
export function NotAvailable({ what, source }: NotAvailableProps) {
  return (
    <>
      <h1>Not available for your sign-in provider</h1>
      <p>
        {what} come from {source}, and you signed in with another provider. Sign out and sign in
        with {source} to see them here.
      </p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </>
  );
}
