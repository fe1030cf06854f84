import { Link, NavLink, useLocation } from "react-router";
import { providerApi } from "../api";
import { loginPath, useOptionalSession, useServerProblem } from "../auth";
import { SignOutButton } from "./SignOutButton";

export function SiteHeader() {
  const me = useOptionalSession();
  // Nobody knows yet whether anyone is signed in: neither the user nor "Sign in".
  const unknown = useServerProblem() !== null;
  const location = useLocation();
  return (
    <header className="site-header">
      <Link to="/" className="brand">
        Latchkey
      </Link>
      <nav aria-label="Main">
        <ul>
          <li>
            <NavLink to="/restricted">Restricted</NavLink>
          </li>
          <li>
            <NavLink to="/profile">Profile</NavLink>
          </li>
          {providerApi(me, "github") && (
            <li>
              <NavLink to="/repos">Repositories</NavLink>
            </li>
          )}
          {providerApi(me, "google") && (
            <li>
              <NavLink to="/drive">Drive files</NavLink>
            </li>
          )}
          <li>
            <NavLink to="/sessions">Sessions</NavLink>
          </li>
        </ul>
      </nav>
      <div className="session">
        {me ? (
          <>
            <span className="session__who">
              Signed in as <strong>{me.user.login}</strong>
            </span>
            <SignOutButton />
          </>
        ) : unknown ? (
          <span className="placeholder placeholder--session" />
        ) : location.pathname === "/login" ? null : (
          <Link to={loginPath(location.pathname + location.search + location.hash)}>Sign in</Link>
        )}
      </div>
    </header>
  );
}
