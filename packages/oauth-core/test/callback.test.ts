import { describe, expect, it } from "vitest";
import {
  AuthorizationError,
  InvalidCallbackError,
  parseCallback,
  StateMismatchError,
} from "../src/index.js";

const STATE = "kW3m9q2vJ0c5a8hR1tYxZb4nF6gE7dS0pL2oI9uQ3wA";

function callback(query: string) {
  return () => parseCallback(new URLSearchParams(query), { expectedState: STATE });
}

describe("parseCallback", () => {
  it("when code and the expected state come back, then the code is returned", () => {
    expect(callback(`code=abc123&state=${STATE}`)()).toEqual({ code: "abc123" });
  });

  it("when implicit-grant parameters are present, then it is an InvalidCallbackError", () => {
    for (const name of ["access_token", "id_token", "token"]) {
      expect(callback(`code=abc&state=${STATE}&${name}=x`)).toThrow(InvalidCallbackError);
      expect(callback(`code=abc&state=${STATE}&${name}=x`)).toThrow(`"${name}"`);
    }
  });

  it("when state is missing or empty, then it is a StateMismatchError", () => {
    expect(callback("code=abc")).toThrow(StateMismatchError);
    expect(callback("code=abc&state=")).toThrow(StateMismatchError);
  });

  it("when state differs, then it is a StateMismatchError", () => {
    expect(callback(`code=abc&state=${STATE}x`)).toThrow(StateMismatchError);
    expect(callback(`code=abc&state=${STATE.slice(0, -1)}`)).toThrow(StateMismatchError);
    expect(callback("code=abc&state=other")).toThrow(StateMismatchError);
  });

  it("when error=access_denied comes with a wrong state, then it is a StateMismatchError", () => {
    expect(callback("error=access_denied&state=forged")).toThrow(StateMismatchError);
  });

  it("when a parameter is repeated, then it is an InvalidCallbackError", () => {
    expect(callback(`code=abc&state=${STATE}&state=${STATE}`)).toThrow(InvalidCallbackError);
    expect(callback(`code=abc&code=def&state=${STATE}`)).toThrow(InvalidCallbackError);
    expect(callback(`code=abc&code=def&state=${STATE}`)).toThrow('"code"');
  });

  it("when error comes with the valid state, then it is an AuthorizationError with its fields", () => {
    const query = new URLSearchParams({
      error: "access_denied",
      error_description: "The user has denied your application access.",
      error_uri: "https://docs.github.com/apps/troubleshooting#access-denied",
      state: STATE,
    });
    let thrown: unknown;
    try {
      parseCallback(query, { expectedState: STATE });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AuthorizationError);
    expect(thrown).toMatchObject({
      code: "authorization_error",
      error: "access_denied",
      errorDescription: "The user has denied your application access.",
      errorUri: "https://docs.github.com/apps/troubleshooting#access-denied",
    });
  });

  it("when code is missing or empty, then it is an InvalidCallbackError", () => {
    expect(callback(`state=${STATE}`)).toThrow(InvalidCallbackError);
    expect(callback(`code=&state=${STATE}`)).toThrow(InvalidCallbackError);
  });

  it("when the expected state is empty, then it is a TypeError (an empty state must never match)", () => {
    expect(() =>
      parseCallback(new URLSearchParams("code=a&state="), { expectedState: "" }),
    ).toThrow(TypeError);
  });

  it("when an issuer is expected, then iss must be present and equal", () => {
    const options = { expectedState: STATE, expectedIssuer: "https://id.example.com" };
    const parse = (query: string) => () => parseCallback(new URLSearchParams(query), options);
    expect(parse(`code=a&state=${STATE}&iss=https%3A%2F%2Fid.example.com`)()).toEqual({
      code: "a",
    });
    expect(parse(`code=a&state=${STATE}`)).toThrow(InvalidCallbackError);
    expect(parse(`code=a&state=${STATE}&iss=https%3A%2F%2Fevil.example`)).toThrow(
      InvalidCallbackError,
    );
  });

  it("when the error message is built, then it never contains the code or the state", () => {
    try {
      callback(`code=secret-code&state=${STATE}&access_token=leaked`)();
    } catch (error) {
      expect(String(error)).not.toContain("secret-code");
      expect(String(error)).not.toContain("leaked");
      expect(String(error)).not.toContain(STATE);
    }
    expect.assertions(3);
  });
});
