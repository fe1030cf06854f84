import { type ActionFunctionArgs, replace } from "react-router";
import { ApiError, endAllSessions, endSession } from "../../api";
import { signInAgainIfSignedOut, signOutBy } from "../../auth";
import { failureMessage } from "./failure";

/** What the page shows after a failed request; null when there is nothing to say. */
export type SessionsActionData = { error: string } | null;

export const END_ONE = "end";
export const END_ALL = "everywhere";

/**
 * Ends one other session (a fetcher's post: the list reloads afterwards, as after any action),
 * or every session, this one too, which then leaves for the login page as signing out does.
 * The current session alone is ended through `/logout`, the sign-out itself.
 */
export async function sessionsAction({
  request,
}: ActionFunctionArgs): Promise<SessionsActionData | Response> {
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === END_ALL) {
    try {
      await signOutBy(endAllSessions);
    } catch (error) {
      return { error: failureMessage(error, "sign you out everywhere") };
    }
    return replace("/login");
  }
  const id = form.get("id");
  if (intent !== END_ONE || typeof id !== "string") return { error: "Nothing was signed out." };
  try {
    await endSession(id);
  } catch (error) {
    // It ended already (elsewhere, or it expired): the reloaded list no longer shows it.
    if (error instanceof ApiError && error.code === "session_not_found") return null;
    await signInAgainIfSignedOut(error, request);
    return { error: failureMessage(error, "sign out that session") };
  }
  return null;
}
