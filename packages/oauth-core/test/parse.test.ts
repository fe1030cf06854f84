import { describe, expect, it } from "vitest";
import { ResponseError } from "../src/index.js";
import {
  assertJsonArray,
  assertJsonObject,
  readId,
  readNullableString,
  readOptionalBoolean,
  readOptionalNumber,
  readOptionalString,
  readString,
} from "../src/parse.js";

const body = {
  text: "value",
  empty: "",
  nothing: null,
  number: 42,
  numeric: "3600",
  flag: true,
};

describe("parse helpers", () => {
  it("when a value has the expected type, then it is returned narrowed", () => {
    expect(readString(body, "text", 200)).toBe("value");
    expect(readOptionalString(body, "text", 200)).toBe("value");
    expect(readOptionalNumber(body, "number", 200)).toBe(42);
    expect(readOptionalNumber(body, "numeric", 200)).toBe(3600);
    expect(readOptionalBoolean(body, "flag", 200)).toBe(true);
    expect(readId(body, "number", 200)).toBe("42");
    expect(readId(body, "text", 200)).toBe("value");
  });

  it("when an optional value is absent or null, then it reads as undefined (or null if nullable)", () => {
    for (const key of ["missing", "nothing"]) {
      expect(readOptionalString(body, key, 200)).toBeUndefined();
      expect(readOptionalNumber(body, key, 200)).toBeUndefined();
      expect(readOptionalBoolean(body, key, 200)).toBeUndefined();
      expect(readNullableString(body, key, 200)).toBeNull();
    }
    expect(readNullableString(body, "empty", 200)).toBeNull();
  });

  it("when a value has the wrong type, then the ResponseError names the field and keeps the status", () => {
    const cases: [() => unknown, string][] = [
      [() => readString(body, "number", 502), '"number" must be a string'],
      [() => readString(body, "empty", 502), '"empty" must not be empty'],
      [() => readOptionalString(body, "flag", 502), '"flag" must be a string'],
      [() => readOptionalBoolean(body, "text", 502), '"text" must be a boolean'],
      [() => readOptionalNumber(body, "text", 502), '"text" must be a non-negative number'],
      [() => readId(body, "flag", 502), '"flag" must be an integer or a non-empty string'],
    ];
    for (const [read, message] of cases) {
      expect(read).toThrow(new ResponseError(message, 502));
      try {
        read();
      } catch (error) {
        expect((error as ResponseError).status).toBe(502);
      }
    }
  });

  it("when the body is not an object or not an array, then the assertion names what was expected", () => {
    expect(() => assertJsonObject([], 200, "the user")).toThrow("the user must be a JSON object");
    expect(() => assertJsonObject(null, 200)).toThrow("the response body must be a JSON object");
    expect(() => assertJsonArray({}, 200, "the list")).toThrow("the list must be a JSON array");
    expect(() => assertJsonObject({}, 200)).not.toThrow();
    expect(() => assertJsonArray([], 200)).not.toThrow();
  });
});
