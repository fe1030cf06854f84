import { describe, expect, it } from "vitest";
import { returnToMismatches } from "../../../packages/oauth-core/test/return-to-cases";
import { returnToPath } from "../src/auth/returnTo";

// The table oauth-core's safeReturnTo is tested with, /login and /logout refused: the login
// page must promise exactly the page the gateway's callback will redirect to.
describe("returnToPath", () => {
  it("when given every case of the shared table, then it answers each as the table says", () => {
    expect(returnToMismatches(returnToPath)).toEqual([]);
  });

  it("when the rule is broken, then the table names the case", () => {
    expect(returnToMismatches((value) => (typeof value === "string" ? value : "/"))).toContain(
      '"//evil.example" gave "//evil.example", not "/"',
    );
  });
});
