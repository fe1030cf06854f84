import { useEffect, useState } from "react";
import { useRevalidator } from "react-router";
import type { ServerProblem as Problem } from "../auth";

/** How often to ask again while the server is starting, and for how long before giving up. */
export const RETRY_EVERY_MS = 1_500;
export const GIVE_UP_AFTER_MS = 60_000;

/**
 * What is wrong with the server, in place of a page that cannot know who is signed in. A server
 * that is starting (the first `npm run dev`) is asked again every second or two, so the page
 * appears by itself once it answers; a server that keeps failing gets a Retry button.
 */
export function ServerProblem({ problem }: { problem: Problem }) {
  const { revalidate, state } = useRevalidator();
  // Kept while the problem lasts: every retry re-renders this same element.
  const [since, setSince] = useState(Date.now);
  const [gaveUp, setGaveUp] = useState(false);
  const starting = problem.kind === "starting" && !gaveUp;

  useEffect(() => {
    if (!starting || state !== "idle") return;
    const timer = setTimeout(() => {
      if (Date.now() - since >= GIVE_UP_AFTER_MS) setGaveUp(true);
      else void revalidate();
    }, RETRY_EVERY_MS);
    return () => clearTimeout(timer);
  }, [starting, state, since, revalidate]);

  if (starting) {
    return (
      <p role="status" className="notice">
        Starting the server…
      </p>
    );
  }
  const retry = () => {
    setSince(Date.now());
    setGaveUp(false);
    void revalidate();
  };
  return (
    <div role="alert" className="notice notice--error">
      <p>{describe(problem)}</p>
      <button type="button" onClick={retry} disabled={state !== "idle"}>
        Retry
      </button>
    </div>
  );
}

function describe(problem: Problem): string {
  if (problem.kind === "starting") return "The server is not answering. Is it running?";
  return `The server had a problem${problem.detail ? ` (${problem.detail})` : ""}.`;
}
