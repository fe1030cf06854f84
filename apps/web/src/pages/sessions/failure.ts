import { ApiError, ClientErrorCode } from "../../api";

/** Says what could not be done, in words for the person, with the status for support. */
export function failureMessage(error: unknown, doing: string): string {
  if (!(error instanceof ApiError)) return `We could not ${doing}.`;
  if (error.status === 0) return "We could not reach the server. Check your connection.";
  if (error.code === ClientErrorCode.InvalidResponse) {
    return `We could not ${doing}: the server's answer was not understood.`;
  }
  return `We could not ${doing} (error ${error.status}).`;
}
