import { createBrowserRouter, type RouteObject, redirect } from "react-router";
import { requireUser, sessionLoader, signOutAction } from "./auth";
import { AppShell, FirstLoad } from "./components/AppShell";
// Eager on purpose: it must render even when a page's chunk fails to load (say, after a deploy).
import { ErrorPage } from "./pages/ErrorPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { PROTECTED_ROUTE_ID, ROOT_ROUTE_ID } from "./routeIds";

// Who is signed in is checked on every navigation (cheaply: see auth/session.ts), so the header
// and the guard notice a session that ended, not only the first page load.
const always = () => true;

// Each page is its own chunk, fetched while the loaders run, so the first page's JavaScript is
// the shell plus that page. The loaders that decide where you may go (the session and the guard)
// stay in the main chunk: a signed-out visitor is sent to /login before any page chunk loads.
// A loader (or action) that only its own page needs (login, repos, drive, sessions) comes with
// that page's chunk instead.
export const routes: RouteObject[] = [
  {
    id: ROOT_ROUTE_ID,
    loader: sessionLoader,
    shouldRevalidate: always,
    element: <AppShell />,
    hydrateFallbackElement: <FirstLoad />,
    errorElement: <ErrorPage />,
    children: [
      {
        // A pathless boundary, so errors render inside the shell (header and Sign out stay).
        errorElement: <ErrorPage />,
        children: [
          {
            index: true,
            lazy: () => import("./pages/HomePage").then((m) => ({ Component: m.HomePage })),
          },
          {
            path: "login",
            lazy: () =>
              import("./pages/login").then((m) => ({
                loader: m.loginLoader,
                Component: m.LoginPage,
              })),
          },
          // Only its action matters; opening /logout in the address bar just goes home.
          { path: "logout", loader: () => redirect("/"), action: signOutAction },
          {
            // The guard (requireUser) is this layout's loader; with no element of its own, the
            // route renders its page, and its loader data is what useSession() reads.
            id: PROTECTED_ROUTE_ID,
            loader: requireUser,
            shouldRevalidate: always,
            children: [
              {
                path: "restricted",
                lazy: () =>
                  import("./pages/RestrictedPage").then((m) => ({ Component: m.RestrictedPage })),
              },
              {
                path: "profile",
                lazy: () =>
                  import("./pages/ProfilePage").then((m) => ({ Component: m.ProfilePage })),
              },
              {
                path: "repos",
                lazy: () =>
                  import("./pages/repos").then((m) => ({
                    loader: m.reposLoader,
                    Component: m.ReposPage,
                  })),
              },
              {
                path: "drive",
                lazy: () =>
                  import("./pages/drive").then((m) => ({
                    loader: m.driveLoader,
                    Component: m.DrivePage,
                  })),
              },
              {
                path: "sessions",
                lazy: () =>
                  import("./pages/sessions").then((m) => ({
                    loader: m.sessionsLoader,
                    action: m.sessionsAction,
                    Component: m.SessionsPage,
                  })),
              },
            ],
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
