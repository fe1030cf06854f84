import { ShapeError } from "./errors";

// Small narrowing helpers: every JSON body starts as `unknown`, and a message names the field.

export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function expectRecord(value: unknown, field: string): JsonRecord {
  if (!isRecord(value)) throw new ShapeError(`"${field}" must be an object`);
  return value;
}

export function expectArray(value: unknown, field: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new ShapeError(`"${field}" must be an array`);
  return value;
}

export function expectString(record: JsonRecord, key: string, prefix: string): string {
  const value = record[key];
  if (typeof value !== "string") throw new ShapeError(`"${prefix}${key}" must be a string`);
  return value;
}

export function expectNullableString(
  record: JsonRecord,
  key: string,
  prefix: string,
): string | null {
  const value = record[key];
  if (value === null || value === undefined) return null;
  if (typeof value !== "string") throw new ShapeError(`"${prefix}${key}" must be a string or null`);
  return value;
}

export function expectBoolean(record: JsonRecord, key: string, prefix: string): boolean {
  const value = record[key];
  if (typeof value !== "boolean") throw new ShapeError(`"${prefix}${key}" must be a boolean`);
  return value;
}

/** Only http(s) URLs may become an href or src: data from outside never gets to run script. */
export function safeHttpUrl(value: string | null): string | null {
  if (value === null) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}
