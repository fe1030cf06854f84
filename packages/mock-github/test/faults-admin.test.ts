import { describe, expect, it } from "vitest";
import { parseFaultList } from "../src/faults/parse.js";
import { api, BASE, json, useMockGitHub } from "./helpers.js";

const { mock } = useMockGitHub();
const FAULTS = `${BASE}/_mock/faults`;

function post(body: unknown): Promise<Response> {
  return fetch(FAULTS, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("POST /_mock/faults", () => {
  it("when the fault is valid, then it answers 204 and the fault is on", async () => {
    const response = await post({ target: "user", kind: "status", status: 503, times: 1 });
    expect(response.status).toBe(204);
    expect(mock.faults.list()).toEqual([
      { target: "user", fault: { kind: "status", status: 503, times: 1 } },
    ]);
    const token = mock.issueToken("octocat");
    expect((await api("/user", token)).status).toBe(503);
    expect((await api("/user", token)).status).toBe(200);
  });

  it.each([
    ["not JSON", "{", "the body must be a JSON object"],
    ["not an object", [], "a fault must be a JSON object"],
    ["an unknown target", { target: "gists", kind: "html" }, '"target" must be one of "authorize"'],
    ["no target", { kind: "html" }, '"target" must be one of'],
    ["an unknown kind", { target: "token", kind: "flaky" }, '"kind" must be one of "slow"'],
    ["delayMs missing", { target: "token", kind: "slow" }, '"delayMs" must be an integer'],
    ["delayMs negative", { target: "token", kind: "slow", delayMs: -1 }, '"delayMs" must be'],
    ["delayMs too long", { target: "token", kind: "slow", delayMs: 120_001 }, "0 to 120000"],
    ["delayMs a fraction", { target: "token", kind: "slow", delayMs: 1.5 }, '"delayMs" must be'],
    ["delayMs a string", { target: "token", kind: "slow", delayMs: "10" }, '"delayMs" must be'],
    // biome-ignore lint/suspicious/noThenProperty: the slow fault's field; a string is no thenable
    ["then not ok", { target: "token", kind: "slow", delayMs: 1, then: "fail" }, '"then" must'],
    ["status too low", { target: "user", kind: "status", status: 99 }, '"status" must be'],
    ["status too high", { target: "user", kind: "status", status: 600 }, "200 to 599"],
    ["body not a string", { target: "user", kind: "status", status: 500, body: {} }, '"body"'],
    ["times zero", { target: "user", kind: "reset", times: 0 }, '"times" must be a positive'],
    ["a field of another kind", { target: "user", kind: "reset", delayMs: 5 }, '"delayMs" is not'],
    ["missing-fields on revoke", { target: "revoke", kind: "missing-fields" }, "applies only"],
  ])(
    "when the body has %s, then it answers 400 invalid_fault naming the field",
    async (_, body, message) => {
      const response = await post(body);
      expect(response.status).toBe(400);
      const answer = await json(response);
      expect(answer.error).toBe("invalid_fault");
      expect(answer.message).toContain(message);
      expect(mock.faults.list()).toEqual([]);
    },
  );
});

describe("GET and DELETE /_mock/faults", () => {
  it("when faults are on, then GET lists them as JSON", async () => {
    mock.faults.set("token", { kind: "slow", delayMs: 2000, times: 1 });
    const response = await fetch(FAULTS);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual([
      { target: "token", fault: { kind: "slow", delayMs: 2000, times: 1 } },
    ]);
  });

  it("when DELETE names a target, then only that fault is cleared", async () => {
    mock.faults.set("token", { kind: "html" });
    mock.faults.set("user", { kind: "html" });
    expect((await fetch(`${FAULTS}/token`, { method: "DELETE" })).status).toBe(204);
    expect(mock.faults.list().map((entry) => entry.target)).toEqual(["user"]);
  });

  it("when DELETE names no target, then every fault is cleared", async () => {
    mock.faults.set("token", { kind: "html" });
    mock.faults.set("api", { kind: "reset" });
    expect((await fetch(FAULTS, { method: "DELETE" })).status).toBe(204);
    expect(mock.faults.list()).toEqual([]);
  });

  it("when DELETE names an unknown target, then it answers 400 invalid_fault", async () => {
    const response = await fetch(`${FAULTS}/gists`, { method: "DELETE" });
    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({
      error: "invalid_fault",
      message: expect.stringContaining('"target" must be one of'),
    });
  });

  it("when the switches are used, then they are not recorded as requests to GitHub", async () => {
    await post({ target: "user", kind: "html" });
    await fetch(FAULTS);
    await fetch(FAULTS, { method: "DELETE" });
    expect(mock.requests).toEqual([]);
  });
});

describe("parseFaultList (MOCK_GITHUB_FAULTS)", () => {
  it("when given the short form, then it reads each target:kind[:value]", () => {
    expect(parseFaultList("token:slow:2000, user:status:503,api:reset")).toEqual([
      { target: "token", fault: { kind: "slow", delayMs: 2000 } },
      { target: "user", fault: { kind: "status", status: 503 } },
      { target: "api", fault: { kind: "reset" } },
    ]);
    expect(parseFaultList("")).toEqual([]);
  });

  it("when an item is wrong, then it throws naming the item and the field", () => {
    expect(() => parseFaultList("token:slow")).toThrow('"token:slow": "delayMs" must be');
    expect(() => parseFaultList("user:status:abc")).toThrow('"status" must be an integer');
    expect(() => parseFaultList("api:html:1")).toThrow('"api:html:1": expected target:kind, or');
    expect(() => parseFaultList("user:status:503:1")).toThrow("target:status:code");
  });
});
