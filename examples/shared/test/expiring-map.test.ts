import { describe, expect, it } from "vitest";
import { ExpiringMap } from "../src/expiring-map.js";

function clockedMap(maxEntries = 10) {
  const clock = { now: 1_000 };
  const map = new ExpiringMap<string>({ ttl: 100, maxEntries, now: () => clock.now });
  return { map, clock };
}

describe("ExpiringMap", () => {
  it("when the ttl has passed, then the entry is gone", () => {
    const { map, clock } = clockedMap();
    map.set("a", "A");
    clock.now += 99;
    expect(map.get("a")).toBe("A");
    clock.now += 1;
    expect(map.get("a")).toBeUndefined();
  });

  it("when an entry is taken, then a second take finds nothing", () => {
    const { map } = clockedMap();
    map.set("a", "A");
    expect(map.take("a")).toBe("A");
    expect(map.take("a")).toBeUndefined();
  });

  it("when an expired entry is taken, then it is nothing, and it is deleted", () => {
    const { map, clock } = clockedMap();
    map.set("a", "A");
    clock.now += 100;
    expect(map.take("a")).toBeUndefined();
    expect(map.size).toBe(0);
  });

  it("when entries expire, then the next write drops them without being asked", () => {
    const { map, clock } = clockedMap();
    map.set("a", "A");
    map.set("b", "B");
    clock.now += 100;
    map.set("c", "C");
    expect(map.size).toBe(1);
  });

  it("when the map is full, then the oldest entry makes room", () => {
    const { map } = clockedMap(2);
    map.set("a", "A");
    map.set("b", "B");
    map.set("c", "C");
    expect([map.get("a"), map.get("b"), map.get("c")]).toEqual([undefined, "B", "C"]);
  });
});
