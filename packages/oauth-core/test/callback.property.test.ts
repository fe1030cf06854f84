import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OAuthError, type ParseCallbackOptions, parseCallback } from "../src/index.js";

const STATE = "kW3m9q2vJ0c5a8hR1tYxZb4nF6gE7dS0pL2oI9uQ3wA";
const ISSUER = "https://id.example.com";
const IMPLICIT = ["access_token", "id_token", "token"];

/** Any text: unicode (lone surrogates too), empty, and the characters a query treats specially. */
const text = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom("", "=", "&", "%", "%zz", "+", " ", "\u0000", "é", "🙂"),
);
/** Keys parseCallback cares about, often, and anything else. */
const key = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("code", "state", "error", "iss", ...IMPLICIT) },
  { weight: 1, arbitrary: text },
);
/** The right state, the issuer, near misses and anything else. */
const value = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(STATE, ISSUER, `${STATE} `, STATE.slice(1), "abc") },
  { weight: 2, arbitrary: text },
);
/** A clean callback (code, the state, sometimes the issuer) with a few arbitrary pairs mixed in. */
const nearlyValid = fc
  .tuple(text, fc.boolean(), fc.array(fc.tuple(key, value), { maxLength: 2 }), fc.nat())
  .map(([code, withIss, extra, at]) => {
    const pairs: [string, string][] = [
      ["code", code],
      ["state", STATE],
      ...(withIss ? [["iss", ISSUER] as [string, string]] : []),
    ];
    pairs.splice(at % (pairs.length + 1), 0, ...extra);
    return new URLSearchParams(pairs);
  });
/** Pairs (keys repeat freely), a raw query string parsed the way a server would, or nearly valid. */
const params = fc.oneof(
  nearlyValid,
  fc.array(fc.tuple(key, value), { maxLength: 8 }).map((pairs) => new URLSearchParams(pairs)),
  text.map((query) => new URLSearchParams(query)),
  fc
    .array(fc.tuple(key, value), { maxLength: 8 })
    .map((pairs) => new URLSearchParams(pairs.map(([k, v]) => `${k}=${v}`).join("&"))),
);
/** Valid option sets only: a bad option set is a TypeError by design (a programmer error). */
const options: fc.Arbitrary<ParseCallbackOptions> = fc.oneof(
  fc.constant({ expectedState: STATE }),
  fc.record({ expectedState: fc.constant(STATE), expectedIssuer: fc.constant(ISSUER) }),
  fc.record({
    expectedState: fc.constant(STATE),
    expectedIssuer: fc.constant(ISSUER),
    requireIssuer: fc.boolean(),
  }),
);

describe("parseCallback (property)", () => {
  it("when given any query, then it returns exactly {code} for a clean matching callback, or throws an OAuthError", () => {
    let accepted = 0;
    fc.assert(
      fc.property(params, options, (query, opts) => {
        let result: { code: string };
        try {
          result = parseCallback(query, opts);
        } catch (error) {
          expect(error).toBeInstanceOf(OAuthError);
          return;
        }
        accepted++;
        expect(Object.keys(result)).toEqual(["code"]);
        expect(query.getAll("code")).toEqual([result.code]);
        expect(result.code).not.toBe("");
        expect(query.getAll("state")).toEqual([STATE]);
        expect(query.has("error")).toBe(false);
        for (const name of IMPLICIT) expect(query.has(name)).toBe(false);
        if (opts.expectedIssuer !== undefined && query.has("iss")) {
          expect(query.getAll("iss")).toEqual([ISSUER]);
        }
        if (opts.expectedIssuer !== undefined && opts.requireIssuer !== false) {
          expect(query.has("iss")).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
    // The generators must reach the accepting branch, or the property says nothing about it.
    expect(accepted).toBeGreaterThan(0);
  });

  it("when a clean callback is built from any code, then that code comes back", () => {
    fc.assert(
      fc.property(text.filter(Boolean), (code) => {
        const query = new URLSearchParams({ code, state: STATE });
        expect(parseCallback(query, { expectedState: STATE })).toEqual({ code });
      }),
    );
  });
});
