import type { LoaderFunctionArgs } from "react-router";
import { ApiError, providerApi, proxiedGet } from "../../api";
import { requireUser, signInAgainIfSignedOut } from "../../auth";
import { type DriveFile, parseDriveFiles } from "./files";

export type DriveData =
  | { state: "loaded"; files: DriveFile[] }
  | { state: "failed"; message: string }
  /** The session was not started with Google, so it has no Google API to ask. */
  | { state: "unavailable" };

/**
 * A failed Drive call is data here, not a thrown error, so the page can say what happened
 * and offer a retry without losing the header and navigation.
 */
export async function driveLoader(args: LoaderFunctionArgs): Promise<DriveData> {
  const { request } = args;
  // The guard's own answer (shared, not asked twice): which APIs this session has.
  const google = providerApi(await requireUser(args), "google");
  if (!google) return { state: "unavailable" };
  try {
    const response = await proxiedGet(google.path, "/drive/v3/files", {}, request.signal);
    return { state: "loaded", files: parseDriveFiles(response.data) };
  } catch (error) {
    if (request.signal.aborted) throw error;
    // Refused for this session's provider: asking again would be refused the same way.
    if (error instanceof ApiError && error.code === "wrong_provider")
      return { state: "unavailable" };
    await signInAgainIfSignedOut(error, request);
    return { state: "failed", message: describe(error) };
  }
}

function describe(error: unknown): string {
  if (!(error instanceof ApiError)) return "We could not load your Drive files.";
  if (error.status === 401)
    return "Google did not accept your session. Try signing out and in again.";
  if (error.status === 0) return "We could not reach the server. Check your connection.";
  if (error.status === 429) return "Google's rate limit was reached. Please wait a few minutes.";
  return `We could not load your Drive files (error ${error.status}).`;
}
