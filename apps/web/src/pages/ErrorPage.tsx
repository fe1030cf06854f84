import { useEffect } from "react";
import { isRouteErrorResponse, Link, useLocation, useRouteError } from "react-router";
import { NotFoundPage } from "./NotFoundPage";

/** Every route's errorElement: a plain apology and a way on, never the error's internals. */
export function ErrorPage() {
  const error = useRouteError();
  const location = useLocation();

  useEffect(() => {
    // Developers still get the details, in the console rather than on the page.
    if (import.meta.env.DEV && import.meta.env.MODE !== "test") console.error(error);
  }, [error]);

  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;

  return (
    <article className="page">
      <title>Something went wrong · Latchkey</title>
      <h1>Something went wrong</h1>
      <p>We could not load this page. It may be a passing problem; trying again often helps.</p>
      <p className="actions">
        {/* Navigating to the same place re-runs its loaders. */}
        <Link className="button" to={location} replace>
          Try again
        </Link>
        <Link to="/">Go to the home page</Link>
      </p>
    </article>
  );
}
