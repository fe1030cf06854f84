import { Link } from "react-router";
import { providerApi } from "../api";
import { useOptionalSession } from "../auth";

export function HomePage() {
  const me = useOptionalSession();
  return (
    <article className="page">
      <title>Latchkey</title>
      <h1>Latchkey</h1>
      <p className="lead">
        Sign in without this page ever holding a token. The gateway runs the OAuth flow, keeps your
        token in a sealed server-side session and calls your provider's API on your behalf.
      </p>
      {me ? (
        <p>
          Signed in as <strong>{me.user.login}</strong>.
        </p>
      ) : (
        <p>
          You are not signed in. <Link to="/login">Sign in</Link> to see the pages below.
        </p>
      )}
      <h2>What you can see once signed in</h2>
      <ul className="cards">
        <li>
          <Link to="/restricted">The restricted area</Link>
          <p>A page only signed-in people may open.</p>
        </li>
        <li>
          <Link to="/profile">Your profile</Link>
          <p>What your sign-in provider told the gateway about you.</p>
        </li>
        {providerApi(me, "github") && (
          <li>
            <Link to="/repos">Your repositories</Link>
            <p>Fetched from GitHub through the gateway, ten at a time.</p>
          </li>
        )}
        {providerApi(me, "google") && (
          <li>
            <Link to="/drive">Your Drive files</Link>
            <p>Listed by Google Drive through the gateway.</p>
          </li>
        )}
      </ul>
    </article>
  );
}
