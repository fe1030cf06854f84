import type { CommonProviderOptions } from "./definition.js";
import { Secret } from "./secret.js";
import { assertNonEmptyString, assertScopes, assertTimeout } from "./validate.js";

/** The fields every provider with fixed endpoints fills the same way from its options. */
export interface CommonFields {
  readonly clientId: string;
  readonly clientSecret: Secret;
  readonly scopes: readonly string[];
  readonly fetch: typeof fetch | undefined;
  readonly timeout: number | undefined;
}

/**
 * Checks the options every factory takes (a bad one is an ArgumentError, at once) and freezes the
 * scopes, so that changing the caller's array later changes nothing.
 */
export function commonFields(
  options: CommonProviderOptions,
  defaultScopes: readonly string[],
): CommonFields {
  assertNonEmptyString(options.clientId, "clientId");
  assertNonEmptyString(options.clientSecret, "clientSecret");
  const scopes = Object.freeze([...(options.scopes ?? defaultScopes)]);
  assertScopes(scopes, "scopes");
  assertTimeout(options.timeout, "timeout");
  return {
    clientId: options.clientId,
    clientSecret: new Secret(options.clientSecret),
    scopes,
    fetch: options.fetch,
    timeout: options.timeout,
  };
}
