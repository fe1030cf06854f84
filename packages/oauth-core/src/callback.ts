import {
  ArgumentError,
  AuthorizationError,
  InvalidCallbackError,
  IssuerMismatchError,
  StateMismatchError,
} from "./errors.js";
import type { Provider } from "./provider.js";
import { timingSafeEqual } from "./random.js";
import { assertNonEmptyString } from "./validate.js";

/** What {@link parseCallback} checks the callback against. */
export interface ParseCallbackOptions {
  /**
   * The `state` created with this login's authorization request, as kept server-side (never
   * read it from the callback itself). Must be non-empty.
   */
  expectedState: string;
  /** The provider's issuer (RFC 9207 mix-up defence): an `iss` in the callback must equal it. */
  expectedIssuer?: string | undefined;
  /**
   * Refuse a callback without `iss`. Defaults to `expectedIssuer !== undefined`; pass `false`
   * for a provider that does not send it. `callbackChecksFor(provider)` gives both values.
   */
  requireIssuer?: boolean | undefined;
}

/**
 * What {@link parseCallback} should check about `iss` for this provider, from
 * {@link callbackChecksFor}: spread it into {@link ParseCallbackOptions}.
 */
export interface CallbackChecks {
  /** The provider's issuer; absent for a provider with none (GitHub, plain OAuth 2.0). */
  expectedIssuer?: string;
  /** Whether a callback without `iss` is refused: the provider promises to send one. */
  requireIssuer: boolean;
}

/** Parameters that only the implicit or hybrid flows return: this client never asks for them. */
const IMPLICIT_PARAMETERS = ["access_token", "id_token", "token"];

/**
 * Checks the callback's query and returns its code; synchronous, no request. The order
 * matters: `state` is checked before `error`, so a forged `error=access_denied` with a wrong
 * state is a state mismatch and cannot pass for the user cancelling; `iss` is checked before
 * `error` too, since RFC 9207 covers error responses.
 *
 * Forget the login's `state` and verifier whatever the outcome: a callback is answered once.
 *
 * @param params - The callback URL's query, e.g. `new URL(request.url).searchParams`.
 * @throws {@link InvalidCallbackError} when `access_token`, `id_token` or `token` is present, a
 * parameter is repeated, or there is no `code`.
 * @throws {@link StateMismatchError} when `state` is missing or differs.
 * @throws {@link IssuerMismatchError} when `iss` differs from `expectedIssuer`, or is missing
 * while `requireIssuer` holds.
 * @throws {@link AuthorizationError} when the callback carries `error=`.
 * @throws {@link ArgumentError} when `expectedState` is empty, or `requireIssuer` is set without
 * an `expectedIssuer`.
 */
export function parseCallback(
  params: URLSearchParams,
  options: ParseCallbackOptions,
): {
  /** The authorization code, for {@link exchangeCode}: single use, valid for minutes. */
  code: string;
} {
  // An empty expected state would accept a callback with an empty one.
  assertNonEmptyString(options.expectedState, "expectedState");
  const requireIssuer = options.requireIssuer ?? options.expectedIssuer !== undefined;
  if (options.expectedIssuer !== undefined) {
    assertNonEmptyString(options.expectedIssuer, "expectedIssuer");
  } else if (requireIssuer) {
    throw new ArgumentError("requireIssuer", 'needs an "expectedIssuer" to compare "iss" with');
  }
  const implicit = IMPLICIT_PARAMETERS.find((name) => params.has(name));
  if (implicit) throw new InvalidCallbackError(`the callback carries "${implicit}"`);
  const duplicate = [...params.keys()].find((name) => params.getAll(name).length > 1);
  if (duplicate) throw new InvalidCallbackError(`the callback repeats "${duplicate}"`);

  const state = params.get("state");
  if (!state) throw new StateMismatchError('the callback has no "state"');
  if (!timingSafeEqual(state, options.expectedState)) {
    throw new StateMismatchError('the callback "state" does not match the one sent');
  }
  checkIssuer(params.get("iss"), options.expectedIssuer, requireIssuer);

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

/**
 * An `iss` is compared whenever the issuer is known. With no issuer known (GitHub publishes
 * none) there is nothing to compare it with, so it is ignored: there, the transaction bound to
 * one provider's callback path is the mix-up defence.
 */
function checkIssuer(iss: string | null, expected: string | undefined, required: boolean): void {
  if (iss === null) {
    if (required) throw new IssuerMismatchError('the callback has no "iss"');
    return;
  }
  if (expected !== undefined && iss !== expected) {
    throw new IssuerMismatchError('the callback "iss" is not the expected issuer');
  }
}

/**
 * The `iss` checks for this provider's callbacks, so a caller need not know how the provider
 * learnt its issuer (OpenID Connect discovery, for one):
 * `parseCallback(params, { expectedState, ...callbackChecksFor(provider) })`.
 *
 * @returns `{ requireIssuer: false }` for a provider without an issuer; else the issuer, and
 * `requireIssuer` from {@link Provider.issuerParameter} (for OpenID Connect, the discovery
 * document's `authorization_response_iss_parameter_supported`).
 */
export function callbackChecksFor(provider: Provider): CallbackChecks {
  const { issuer, issuerParameter } = provider;
  if (issuer === undefined) return { requireIssuer: false };
  return { expectedIssuer: issuer, requireIssuer: issuerParameter };
}
