import { describe, expect, it } from "vitest";
import {
  AuthorizationError,
  InvalidCallbackError,
  IssuerMismatchError,
  parseCallback,
  StateMismatchError,
} from "../src/index.js";
import { argumentError } from "./support/argument-error.js";

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

  it("when the expected state is empty, then it is an ArgumentError (an empty state must never match)", () => {
    expect(() =>
      parseCallback(new URLSearchParams("code=a&state="), { expectedState: "" }),
    ).toThrow(argumentError("expectedState"));
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

  describe("iss (RFC 9207)", () => {
    const ISSUER = "https://id.example.com";
    const ok = `code=a&state=${STATE}`;
    const parse =
      (query: string, options: { expectedIssuer?: string; requireIssuer?: boolean }) => () =>
        parseCallback(new URLSearchParams(query), { expectedState: STATE, ...options });
    const withIss = (iss: string) => `${ok}&iss=${encodeURIComponent(iss)}`;

    it("when iss matches the expected issuer, then the code is returned", () => {
      expect(parse(withIss(ISSUER), { expectedIssuer: ISSUER, requireIssuer: true })()).toEqual({
        code: "a",
      });
      expect(parse(withIss(ISSUER), { expectedIssuer: ISSUER, requireIssuer: false })()).toEqual({
        code: "a",
      });
    });

    it("when iss differs, even by a trailing slash or case, then it is an IssuerMismatchError", () => {
      for (const iss of ["https://evil.example", `${ISSUER}/`, ISSUER.toUpperCase(), ""]) {
        const check = parse(withIss(iss), { expectedIssuer: ISSUER, requireIssuer: false });
        expect(check).toThrow(IssuerMismatchError);
        expect(check).toThrow(expect.objectContaining({ code: "issuer_mismatch" }));
      }
    });

    it("when iss is required and missing, then it is an IssuerMismatchError", () => {
      expect(parse(ok, { expectedIssuer: ISSUER, requireIssuer: true })).toThrow(
        IssuerMismatchError,
      );
    });

    it("when iss is not required and missing, then the code is returned", () => {
      expect(parse(ok, { expectedIssuer: ISSUER, requireIssuer: false })()).toEqual({ code: "a" });
    });

    it("when only expectedIssuer is given, then iss is required (as before requireIssuer existed)", () => {
      expect(parse(ok, { expectedIssuer: ISSUER })).toThrow(IssuerMismatchError);
    });

    it("when iss is present but no issuer is known (GitHub), then it is ignored: there is nothing to compare it with", () => {
      expect(parse(withIss("https://anything.example"), {})()).toEqual({ code: "a" });
    });

    it("when iss is repeated, then it is an InvalidCallbackError, even if both are right", () => {
      const query = `${withIss(ISSUER)}&iss=${encodeURIComponent(ISSUER)}`;
      expect(parse(query, { expectedIssuer: ISSUER })).toThrow(InvalidCallbackError);
      expect(parse(query, { expectedIssuer: ISSUER })).toThrow('the callback repeats "iss"');
    });

    it("when an error comes from the wrong issuer, then the issuer is refused before the error is believed", () => {
      const query = `error=access_denied&state=${STATE}&iss=${encodeURIComponent("https://evil.example")}`;
      expect(parse(query, { expectedIssuer: ISSUER })).toThrow(IssuerMismatchError);
    });

    it("when requireIssuer comes without an expected issuer, then it is an ArgumentError", () => {
      expect(parse(withIss(ISSUER), { requireIssuer: true })).toThrow(
        argumentError("requireIssuer"),
      );
    });
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
