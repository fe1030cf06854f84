import { AuthorizationError, InvalidCallbackError, StateMismatchError } from "./errors.js";
import { timingSafeEqual } from "./random.js";
import { assertNonEmptyString } from "./validate.js";

export interface ParseCallbackOptions {
  /** The `state` created with the authorization request. */
  expectedState: string;
  /** When set, the callback must carry this `iss` (RFC 9207 mix-up defence). */
  expectedIssuer?: string;
}

/** Parameters that only the implicit or hybrid flows return: this client never asks for them. */
const IMPLICIT_PARAMETERS = ["access_token", "id_token", "token"];

/**
 * Checks the callback's query and returns its code. The order matters: `state` is checked
 * before `error`, so a forged `error=access_denied` with a wrong state is a state mismatch
 * and cannot pass for the user cancelling.
 */
export function parseCallback(
  params: URLSearchParams,
  options: ParseCallbackOptions,
): { code: string } {
  // An empty expected state would accept a callback with an empty one.
  assertNonEmptyString(options.expectedState, "expectedState");
  const implicit = IMPLICIT_PARAMETERS.find((name) => params.has(name));
  if (implicit) throw new InvalidCallbackError(`the callback carries "${implicit}"`);
  const duplicate = [...params.keys()].find((name) => params.getAll(name).length > 1);
  if (duplicate) throw new InvalidCallbackError(`the callback repeats "${duplicate}"`);

  const state = params.get("state");
  if (!state) throw new StateMismatchError('the callback has no "state"');
  if (!timingSafeEqual(state, options.expectedState)) {
    throw new StateMismatchError('the callback "state" does not match the one sent');
  }
  if (options.expectedIssuer !== undefined && params.get("iss") !== options.expectedIssuer) {
    throw new InvalidCallbackError('the callback "iss" is not the expected issuer');
  }

  const error = params.get("error");
  if (error !== null) {
    throw new AuthorizationError({
      error,
      errorDescription: params.get("error_description") ?? undefined,
      errorUri: params.get("error_uri") ?? undefined,
    });
  }
  const code = params.get("code");
  if (!code) throw new InvalidCallbackError('the callback has no "code"');
  return { code };
}
