import { ResponseError } from "./errors.js";

/** Narrowing helpers for JSON that arrives as `unknown`; errors name the field, never its value. */

/** A JSON object whose values are not yet checked: what provider files read from. */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function assertJsonObject(
  value: unknown,
  status: number,
  what = "the response body",
): asserts value is JsonObject {
  if (!isJsonObject(value)) throw new ResponseError(`${what} must be a JSON object`, status);
}

export function assertJsonArray(
  value: unknown,
  status: number,
  what = "the response body",
): asserts value is unknown[] {
  if (!Array.isArray(value)) throw new ResponseError(`${what} must be a JSON array`, status);
}

/** A required, non-empty string. */
export function readString(obj: JsonObject, key: string, status: number): string {
  const value = obj[key];
  if (typeof value !== "string") throw new ResponseError(`"${key}" must be a string`, status);
  if (value === "") throw new ResponseError(`"${key}" must not be empty`, status);
  return value;
}

/** Absent and `null` both read as `undefined`; any other value must pass `test`. */
function readOptional<T>(
  obj: JsonObject,
  key: string,
  status: number,
  test: (value: unknown) => value is T,
  expected: string,
): T | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (!test(value)) throw new ResponseError(`"${key}" must be ${expected}`, status);
  return value;
}

const isString = (value: unknown): value is string => typeof value === "string";
const isBoolean = (value: unknown): value is boolean => typeof value === "boolean";

export function readOptionalString(obj: JsonObject, key: string, status: number) {
  return readOptional(obj, key, status, isString, "a string");
}

export function readOptionalBoolean(obj: JsonObject, key: string, status: number) {
  return readOptional(obj, key, status, isBoolean, "a boolean");
}

/** A string the provider may leave out, send as `null` or send empty: all three read as `null`. */
export function readNullableString(obj: JsonObject, key: string, status: number): string | null {
  return readOptionalString(obj, key, status) || null;
}

/**
 * An optional non-negative number. Numeric strings are accepted because some providers send
 * `"expires_in": "3600"`.
 */
export function readOptionalNumber(
  obj: JsonObject,
  key: string,
  status: number,
): number | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isFinite(number) || number < 0) {
    throw new ResponseError(`"${key}" must be a non-negative number`, status);
  }
  return number;
}

/** An identifier sent as a number (GitHub) or a string, returned as a string. */
export function readId(obj: JsonObject, key: string, status: number): string {
  const value = obj[key];
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  if (typeof value === "string" && value !== "") return value;
  throw new ResponseError(`"${key}" must be an integer or a non-empty string`, status);
}
