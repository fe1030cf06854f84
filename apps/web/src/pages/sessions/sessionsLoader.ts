import type { LoaderFunctionArgs } from "react-router";
import { getSessions, type SessionSummary } from "../../api";
import { requireUser, signInAgainIfSignedOut } from "../../auth";
import { failureMessage } from "./failure";

export type SessionsData =
  /** `now` is when the list was fetched: its times read "5 minutes ago" as of then. */
  | { state: "loaded"; sessions: SessionSummary[]; now: number }
  | { state: "failed"; message: string };

/**
 * A failed list is data here, not a thrown error, so the page can say what happened and still
 * offer "Sign out everywhere", which needs no list.
 */
export async function sessionsLoader(args: LoaderFunctionArgs): Promise<SessionsData> {
  const { request } = args;
  // The guard's own answer (shared, not asked twice): a signed-out visitor asks nothing more.
  await requireUser(args);
  try {
    const sessions = await getSessions(request.signal);
    return { state: "loaded", sessions, now: Date.now() };
  } catch (error) {
    if (request.signal.aborted) throw error;
    await signInAgainIfSignedOut(error, request);
    return { state: "failed", message: failureMessage(error, "load your sessions") };
  }
}
