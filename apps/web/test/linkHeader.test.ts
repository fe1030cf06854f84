import { describe, expect, it } from "vitest";
import { parseLinkHeader } from "../src/api";

const base = "https://api.github.com/user/repos?per_page=10";

describe("parseLinkHeader", () => {
  it("when GitHub sends next and last, then both targets are returned by rel", () => {
    const header = `<${base}&page=2>; rel="next", <${base}&page=4>; rel="last"`;
    expect(parseLinkHeader(header)).toEqual({ next: `${base}&page=2`, last: `${base}&page=4` });
  });

  it("when the header is missing or empty, then there are no rels", () => {
    expect(parseLinkHeader(null)).toEqual({});
    expect(parseLinkHeader(undefined)).toEqual({});
    expect(parseLinkHeader("")).toEqual({});
  });

  it("when one link names several rels, then each rel points at it", () => {
    expect(parseLinkHeader('<https://x.example/1>; rel="prev first"')).toEqual({
      prev: "https://x.example/1",
      first: "https://x.example/1",
    });
  });

  it("when a quoted parameter holds commas and semicolons, then links are still split right", () => {
    const header =
      '<https://x.example/a>; title="a, b; c"; rel=next, <https://x.example/b>; rel="last"';
    expect(parseLinkHeader(header)).toEqual({
      next: "https://x.example/a",
      last: "https://x.example/b",
    });
  });

  it("when rel is unquoted or upper-case, then it is read case-insensitively", () => {
    expect(parseLinkHeader("<https://x.example/2>; REL=Next")).toEqual({
      next: "https://x.example/2",
    });
  });

  it("when a rel repeats, then the first occurrence wins", () => {
    const header = '<https://x.example/1>; rel="next", <https://x.example/2>; rel="next"';
    expect(parseLinkHeader(header)).toEqual({ next: "https://x.example/1" });
  });

  it("when a link has no rel or the header is junk, then it is ignored", () => {
    expect(parseLinkHeader('<https://x.example/1>; title="no rel"')).toEqual({});
    expect(parseLinkHeader("not a link header")).toEqual({});
  });

  it("when a rel is named __proto__, then it is an ordinary key", () => {
    const rels = parseLinkHeader('<https://x.example/1>; rel="__proto__"');
    expect(Object.getPrototypeOf(rels)).toBe(Object.prototype);
    expect(Object.keys(rels)).toEqual(["__proto__"]);
  });
});
