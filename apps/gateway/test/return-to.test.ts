import { describe, expect, it } from "vitest";
import { returnToMismatches } from "../../../packages/oauth-core/test/return-to-cases.js";
import { safeReturnTo } from "../src/auth/return-to.js";

describe("safeReturnTo", () => {
  it("when given every case of the table the SPA shares, then it answers each as the table says", () => {
    expect(returnToMismatches(safeReturnTo)).toEqual([]);
  });
});
