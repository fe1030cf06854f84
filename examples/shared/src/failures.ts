import {
  ArgumentError,
  AuthorizationError,
  InvalidCallbackError,
  OAuthError,
  ProviderError,
  StateMismatchError,
} from "@latchkey/oauth-core";

/** The callback came to a browser with no login under way: no cookie, expired, or used. */
export class NoLoginUnderWayError extends Error {
  override name = "NoLoginUnderWayError";
}

/**
 * A sign-out posted from another site's page. SameSite=Lax already keeps the session cookie
 * off cross-site POSTs; refusing a foreign Origin covers browsers that ignore SameSite.
 */
export class ForeignOriginError extends Error {
  override name = "ForeignOriginError";
}

/** What the person sees when something goes wrong, and whether the operator should look. */
export interface Failure {
  status: number;
  title: string;
  message: string;
}

/** Where operator messages go: one line each. */
export type Log = (line: string) => void;

export const logToStderr: Log = (line) => console.error(line);

const START_AGAIN = "Start again from the sign-in link.";

/**
 * Bad input from the browser is a 4xx that says what to do; GitHub failing is a 502; only a
 * bug in this server is a 500. oauth-core's error classes carry the distinction.
 */
export function describeFailure(error: unknown): Failure {
  if (error instanceof NoLoginUnderWayError) {
    return {
      status: 400,
      title: "No sign-in under way",
      message: `This browser has no sign-in under way: it was already finished, it took more than ten minutes, or cookies are blocked. ${START_AGAIN}`,
    };
  }
  if (error instanceof ForeignOriginError) {
    return { status: 403, title: "Forbidden", message: "Sign out from this site's own page." };
  }
  // Checked before AuthorizationError by oauth-core itself: a forged `error=access_denied`
  // with a wrong state arrives here as a state mismatch.
  if (error instanceof StateMismatchError) {
    return {
      status: 400,
      title: "Sign-in not recognised",
      message: `This answer from GitHub does not belong to the sign-in this browser started. ${START_AGAIN}`,
    };
  }
  if (error instanceof AuthorizationError && error.error === "access_denied") {
    return {
      status: 403,
      title: "Sign-in cancelled",
      message: "You cancelled the sign-in on GitHub, so nothing was shared with this site.",
    };
  }
  if (error instanceof AuthorizationError) {
    return {
      status: 400,
      title: "GitHub refused the sign-in",
      message: `GitHub answered "${error.error}". ${START_AGAIN}`,
    };
  }
  if (error instanceof InvalidCallbackError) {
    return {
      status: 400,
      title: "Malformed sign-in answer",
      message: `The address GitHub sent you back to is not a valid answer. ${START_AGAIN}`,
    };
  }
  // A code that is expired or already redeemed: the person can fix that by starting again.
  if (error instanceof ProviderError && error.error === "bad_verification_code") {
    return {
      status: 400,
      title: "Sign-in code refused",
      message: `GitHub no longer accepts this sign-in code. ${START_AGAIN}`,
    };
  }
  // A wrong argument to oauth-core is this server's own bug: a 500 for the operator to fix.
  if (error instanceof ArgumentError) return SERVER_FAILURE;
  // Wrong client credentials, GitHub down or slow: nothing the person can do but wait.
  if (error instanceof OAuthError) {
    return {
      status: 502,
      title: "GitHub sign-in unavailable",
      message: "GitHub could not complete the sign-in. Try again in a little while.",
    };
  }
  return SERVER_FAILURE;
}

const SERVER_FAILURE: Failure = {
  status: 500,
  title: "Something went wrong",
  message: "This server failed to handle the request.",
};

/**
 * What a server's error handler does with a failed request, `request` being e.g.
 * "GET /callback". 4xx are the browser's doing and answered in full on the page; the rest
 * need a look, so they go to the operator's log as well.
 */
export function handleFailure(error: unknown, request: string, log: Log): Failure {
  const failure = describeFailure(error);
  if (failure.status >= 500) log(`${request}: ${logLine(error)}`);
  return failure;
}

/** One line for the server's log, never with a token: oauth-core's messages contain none. */
export function logLine(error: unknown): string {
  if (error instanceof OAuthError) return `${error.name} (${error.code}): ${error.message}`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
