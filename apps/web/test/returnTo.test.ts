import { describe, expect, it } from "vitest";
import { returnToMismatches } from "../../../packages/contracts/test/return-to-cases";
import { safeReturnTo } from "../src/auth/returnTo";

// The same table the gateway's safeReturnTo runs: the login page must promise exactly the
// page the gateway's callback will redirect to.
describe("safeReturnTo", () => {
  it("when given every case of the table the gateway shares, then it answers each as the table says", () => {
    expect(returnToMismatches(safeReturnTo)).toEqual([]);
  });

  it("when the rule is broken, then the table names the case", () => {
    expect(returnToMismatches((value) => (typeof value === "string" ? value : "/"))).toContain(
      '"//evil.example" gave "//evil.example", not "/"',
    );
  });
});
