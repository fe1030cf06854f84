import { createBrowserRouter, type RouteObject, redirect } from "react-router-dom";
import { loginLoader, requireUser, sessionLoader, signOutAction } from "./auth";
import { AppShell, FirstLoad } from "./components/AppShell";
import { ProtectedLayout } from "./components/ProtectedLayout";
import {
  ErrorPage,
  HomePage,
  LoginPage,
  NotFoundPage,
  ProfilePage,
  ReposPage,
  RestrictedPage,
  reposLoader,
} from "./pages";
import { PROTECTED_ROUTE_ID, ROOT_ROUTE_ID } from "./routeIds";

// Who is signed in is checked on every navigation (cheaply: see auth/session.ts), so the header
// and the guard notice a session that ended, not only the first page load.
const always = () => true;

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
          { index: true, element: <HomePage /> },
          { path: "login", loader: loginLoader, element: <LoginPage /> },
          // Only its action matters; opening /logout in the address bar just goes home.
          { path: "logout", loader: () => redirect("/"), action: signOutAction },
          {
            id: PROTECTED_ROUTE_ID,
            loader: requireUser,
            shouldRevalidate: always,
            element: <ProtectedLayout />,
            children: [
              { path: "restricted", element: <RestrictedPage /> },
              { path: "profile", element: <ProfilePage /> },
              { path: "repos", loader: reposLoader, element: <ReposPage /> },
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
