import { ArgumentError } from "./errors.js";
import type { ClientAuthMethod } from "./provider.js";
import { assertNonEmptyString, isLoopbackHttp } from "./validate.js";

/** Settings arrive from configuration as strings; these check them and make factory options. */

/** "true" or "false" (any case); absent is undefined; anything else is an ArgumentError. */
export function booleanSetting(value: unknown, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === "string" ? value.trim().toLowerCase() : value;
  if (text === "true") return true;
  if (text === "false") return false;
  throw new ArgumentError(name, 'must be "true" or "false"');
}

/** A string setting, or undefined when it is absent or not a string. */
export function stringSetting(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** "client_secret_basic" or "client_secret_post"; absent is undefined; else an ArgumentError. */
export function clientAuthSetting(value: unknown, name: string): ClientAuthMethod | undefined {
  if (value === undefined || value === "client_secret_basic" || value === "client_secret_post") {
    return value;
  }
  throw new ArgumentError(name, 'must be "client_secret_basic" or "client_secret_post"');
}

/** Codes, tokens and secrets travel to these: https, or http to this machine only. */
export function assertEndpoint(value: unknown, name: string): asserts value is string {
  assertNonEmptyString(value, name);
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || url.hash || (url.protocol !== "https:" && !isLoopbackHttp(url))) {
    throw new ArgumentError(name, "must be an https URL without a fragment (http for localhost)");
  }
}
