import { describe, expect, it } from "vitest";
import { safeReturnTo } from "../src/index.js";
import { returnToMismatches } from "./return-to-cases.js";

const REFUSE = ["/login", "/logout"];

describe("safeReturnTo", () => {
  it("when every case of the table is tried, then each same-origin path is kept and everything else falls back", () => {
    expect(returnToMismatches((value) => safeReturnTo(value, { refuse: REFUSE }))).toEqual([]);
  });

  it("when nothing is refused, then /login is a path like any other", () => {
    expect(safeReturnTo("/login?x=1")).toBe("/login?x=1");
  });

  it("when a refused path is written with a trailing slash in the options, then it still refuses the path", () => {
    expect(safeReturnTo("/logout/now", { refuse: ["/logout/"] })).toBe("/");
    expect(safeReturnTo("/logoutx", { refuse: ["/logout/"] })).toBe("/logoutx");
  });

  it("when a fallback is given, then refused values answer it", () => {
    expect(safeReturnTo("//evil.example", { fallback: "/home" })).toBe("/home");
    expect(safeReturnTo("/login", { refuse: REFUSE, fallback: "/home" })).toBe("/home");
  });
});
