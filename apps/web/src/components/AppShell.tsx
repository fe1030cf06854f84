import { Outlet } from "react-router";
import { useOptionalSession } from "../auth";
import { LoadingIndicator } from "./LoadingIndicator";
import { ScrollPosition } from "./ScrollPosition";
import { SiteHeader } from "./SiteHeader";

/** Landmarks shared by every page: skip link, header, main, footer. */
export function AppShell() {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <SiteHeader />
      <LoadingIndicator />
      <main id="main" tabIndex={-1}>
        <Outlet />
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

/** Shown while the first page's data loads, before the shell can render. */
export function FirstLoad() {
  return (
    <p role="status" className="loading">
      Loading…
    </p>
  );
}
