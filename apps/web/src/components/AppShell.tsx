import { Link, Outlet } from "react-router";
import { useOptionalSession, useServerProblem } from "../auth";
import { LoadingIndicator } from "./LoadingIndicator";
import { ScrollPosition } from "./ScrollPosition";
import { ServerProblem } from "./ServerProblem";
import { SiteHeader } from "./SiteHeader";

/** Landmarks shared by every page: skip link, header, main, footer. */
export function AppShell() {
  // Without an answer from the gateway no page can tell who is signed in: say what is wrong
  // instead of a page that would guess ("You are not signed in", a made-up sign-in button).
  const problem = useServerProblem();
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <SiteHeader />
      <LoadingIndicator />
      <main id="main" tabIndex={-1}>
        {problem ? <ServerProblem problem={problem} /> : <Outlet />}
      </main>
      <SiteFooter />
      <ScrollPosition />
    </>
  );
}

function SiteFooter() {
  const me = useOptionalSession();
  return (
    <footer className="site-footer">
      <p>
        Your {me?.providerName ?? "sign-in"} token stays on the server; this page only ever sees
        your profile.
      </p>
    </footer>
  );
}

/**
 * The shell as it will look, while the first session check is pending: the header with a
 * neutral placeholder where the user or "Sign in" will be, and a skeleton of a page. A slow
 * /api/me then shows the app, not a blank page, and nothing moves when the answer comes.
 */
export function FirstLoad() {
  return (
    <>
      <header className="site-header">
        <Link to="/" className="brand">
          Latchkey
        </Link>
        <div className="session">
          <span className="placeholder placeholder--session" />
        </div>
      </header>
      <main id="main" className="skeleton">
        <p role="status" className="visually-hidden">
          Loading…
        </p>
        <span className="placeholder placeholder--title" />
        <span className="placeholder" />
        <span className="placeholder" />
      </main>
    </>
  );
}
