import { expect } from "vitest";
import type { ArgumentError, CommonProviderOptions } from "../../src/index.js";
import { ErrorCode } from "../../src/index.js";

/**
 * Matches the ArgumentError thrown for `argument`: the class, the `invalid_argument` code, the
 * `argument` field, and a message that names the argument (quoted, as the caller wrote it).
 */
export function argumentError(argument: string): ArgumentError {
  return expect.objectContaining({
    name: "ArgumentError",
    code: ErrorCode.INVALID_ARGUMENT,
    argument,
    message: expect.stringContaining(`"${argument}"`),
  });
}

/** Options every provider factory refuses, each with the option its ArgumentError names. */
export const INVALID_COMMON_OPTIONS: readonly [Partial<CommonProviderOptions>, string][] = [
  [{ clientId: "" }, "clientId"],
  [{ clientSecret: "" }, "clientSecret"],
  [{ scopes: ["two words"] }, "scopes"],
  [{ timeout: 0 }, "timeout"],
  [{ timeout: Number.NaN }, "timeout"],
];
