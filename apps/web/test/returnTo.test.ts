import { describe, expect, it } from "vitest";
import {
  KEPT_RETURN_TO,
  REFUSED_RETURN_TO,
} from "../../../packages/contracts/test/return-to-cases";
import { safeReturnTo } from "../src/auth/returnTo";

// The same table the gateway's safeReturnTo runs: the login page must promise exactly the
// page the gateway's callback will redirect to.
describe("safeReturnTo", () => {
  it.each(KEPT_RETURN_TO)(
    "when given the same-origin path %j, then it keeps it as %j",
    (input, expected) => {
      expect(safeReturnTo(input)).toBe(expected);
    },
  );

  it.each(REFUSED_RETURN_TO.map((input) => [input]))(
    "when given %j, then it falls back to /",
    (input) => {
      expect(safeReturnTo(input)).toBe("/");
    },
  );
});
