import { Link } from "react-router";
import { useOptionalSession } from "../auth";

export function HomePage() {
  const me = useOptionalSession();
  return (
    <article className="page">
      <title>Latchkey</title>
      <h1>Latchkey</h1>
      <p className="lead">
        Sign in with GitHub without this page ever holding a token. The gateway runs the OAuth flow,
        keeps your token in a sealed server-side session and calls GitHub on your behalf.
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
          <p>What GitHub told the gateway about you.</p>
        </li>
        <li>
          <Link to="/repos">Your repositories</Link>
          <p>Fetched from GitHub through the gateway, ten at a time.</p>
        </li>
      </ul>
    </article>
  );
}
