import { expect } from "vitest";
import { type ArgumentError, ErrorCode } from "../../src/index.js";

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
