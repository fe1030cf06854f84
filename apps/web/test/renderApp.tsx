import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter } from "react-router";
import { RouterProvider } from "react-router/dom";
import { routes } from "../src/routes";

/** The real route tree, in memory, starting at `path`. */
export function renderApp(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const user = userEvent.setup();
  const view = render(<RouterProvider router={router} />);
  return { router, user, ...view };
}

/** The router's current path, search and hash. */
export function currentUrl(router: { state: { location: RouterLocation } }): string {
  const { pathname, search, hash } = router.state.location;
  return pathname + search + hash;
}

interface RouterLocation {
  pathname: string;
  search: string;
  hash: string;
}
