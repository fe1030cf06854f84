import { describe, expect, it } from "vitest";
import { FAULT_TARGETS, type Fault, type FaultTarget } from "../src/index.js";
import { targetRequests, timed } from "./fault-targets.js";
import { api, authorizeCode, exchange, json, REDIRECT_URI, useMockGitHub } from "./helpers.js";

const { mock } = useMockGitHub();
const targets = targetRequests(mock);
const DELAY_MS = 150;

describe.each(FAULT_TARGETS)("a fault on %s", (target: FaultTarget) => {
  const { okStatus, prepare } = targets[target];

  /** Prepares the target's request, switches `fault` on, then sends it. */
  async function faulted(fault: Fault): Promise<Response> {
    const send = await prepare();
    mock.faults.set(target, fault);
    return send();
  }

  it("when it is slow, then the normal answer comes no earlier than the delay", async () => {
    const send = await prepare();
    mock.faults.set(target, { kind: "slow", delayMs: DELAY_MS });
    const { response, elapsed } = await timed(send);
    expect(response.status).toBe(okStatus);
    // Timers may fire a hair early; a millisecond of slack keeps the check honest.
    expect(elapsed).toBeGreaterThanOrEqual(DELAY_MS - 1);
  });

  it("when it is a status, then that status comes with GitHub's JSON message", async () => {
    const response = await faulted({ kind: "status", status: 503 });
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await json(response)).toMatchObject({ message: "Service Unavailable" });
  });

  it("when it is a reset, then fetch rejects as on a dropped connection", async () => {
    await expect(faulted({ kind: "reset" })).rejects.toThrow(TypeError);
  });

  it("when it is html, then a 200 outage page comes instead of the answer", async () => {
    const response = await faulted({ kind: "html" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toMatch(/^<!DOCTYPE html>[\s\S]*<h1>Unicorn!<\/h1>/);
  });

  it("when it is bad-json, then a 200 JSON body that does not parse comes", async () => {
    const response = await faulted({ kind: "bad-json" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it("when it is faulted, then the request is still recorded", async () => {
    const send = await prepare();
    mock.faults.set(target, { kind: "status", status: 500 });
    const before = mock.requests.length;
    await send();
    expect(mock.requests).toHaveLength(before + 1);
    expect(mock.faults.list()).toHaveLength(1);
  });
});

describe("a missing-fields fault", () => {
  it("when on token, then the answer has no access_token, in JSON and form-encoded alike", async () => {
    mock.faults.set("token", { kind: "missing-fields" });
    const code = await authorizeCode();
    const body = await json(await exchange({ code, redirect_uri: REDIRECT_URI }));
    expect(body).toEqual({ token_type: "bearer", scope: "read:user,user:email" });

    const form = await fetch("http://github.test/login/oauth/access_token", {
      method: "POST",
      body: new URLSearchParams({
        client_id: "mock-client-id",
        client_secret: "mock-client-secret",
        code: await authorizeCode(),
      }),
    });
    expect(form.headers.get("content-type")).toContain("x-www-form-urlencoded");
    expect(new URLSearchParams(await form.text()).has("access_token")).toBe(false);
  });

  it("when on user, then the user has no id or login but keeps the rest", async () => {
    mock.faults.set("user", { kind: "missing-fields" });
    const response = await api("/user", mock.issueToken("octocat"));
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toBeNull();
    const user = await json(response);
    expect(user).not.toHaveProperty("id");
    expect(user).not.toHaveProperty("login");
    expect(user.name).toBe("The Octocat");
  });

  it("when on emails, then every entry lacks its email", async () => {
    mock.faults.set("emails", { kind: "missing-fields" });
    const emails = await json(await api("/user/emails", mock.issueToken("octocat")));
    expect(emails.length).toBeGreaterThan(0);
    for (const entry of emails) {
      expect(entry).not.toHaveProperty("email");
      expect(entry).toHaveProperty("primary");
    }
  });

  it("when on api, then a list route answers an empty object", async () => {
    mock.faults.set("api", { kind: "missing-fields" });
    expect(await json(await api("/user/repos", mock.issueToken("octocat")))).toEqual({});
  });

  it("when the normal answer is an error, then the error comes unchanged", async () => {
    mock.faults.set("user", { kind: "missing-fields" });
    const response = await api("/user", "gho_unknown");
    expect(response.status).toBe(401);
    expect(await json(response)).toMatchObject({ message: "Bad credentials" });
  });

  it("when set on revoke or authorize, then it is refused: they have no such fields", () => {
    expect(() => mock.faults.set("revoke", { kind: "missing-fields" })).toThrow(
      /"missing-fields" applies only to "target" "token", "user", "emails", "api"/,
    );
    expect(() => mock.faults.set("authorize", { kind: "missing-fields" })).toThrow(TypeError);
  });
});

describe("a status fault", () => {
  it("when it has a body, then that body comes as given", async () => {
    mock.faults.set("user", { kind: "status", status: 502, body: "<html>Bad gateway</html>" });
    const response = await api("/user", mock.issueToken("octocat"));
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toBe("<html>Bad gateway</html>");
  });

  it("when the status takes no body, then none comes", async () => {
    mock.faults.set("api", { kind: "status", status: 204 });
    const response = await api("/user/repos", mock.issueToken("octocat"));
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
  });
});

describe("mock.faults", () => {
  it("when a fault has times, then it hits that many requests and switches itself off", async () => {
    const token = mock.issueToken("octocat");
    mock.faults.set("user", { kind: "status", status: 500, times: 2 });
    expect((await api("/user", token)).status).toBe(500);
    expect(mock.faults.list()).toEqual([
      { target: "user", fault: { kind: "status", status: 500, times: 1 } },
    ]);
    expect((await api("/user", token)).status).toBe(500);
    expect(mock.faults.list()).toEqual([]);
    expect((await api("/user", token)).status).toBe(200);
  });

  it("when a target is faulted, then the other targets answer normally", async () => {
    const token = mock.issueToken("octocat");
    mock.faults.set("user", { kind: "status", status: 500 });
    expect((await api("/user/emails", token)).status).toBe(200);
    expect((await api("/user/repos", token)).status).toBe(200);
    mock.faults.set("api", { kind: "status", status: 500 });
    mock.faults.clear("user");
    expect((await api("/user", token)).status).toBe(200);
    expect((await api("/rate_limit", token)).status).toBe(500);
  });

  it("when set again on a target, then the new fault replaces the old one", () => {
    mock.faults.set("token", { kind: "html" });
    // biome-ignore lint/suspicious/noThenProperty: the slow fault's field; a string is no thenable
    const slow = { kind: "slow", delayMs: 10, then: "ok" } as const;
    mock.faults.set("token", slow);
    expect(mock.faults.list()).toEqual([{ target: "token", fault: slow }]);
  });

  it("when clear() runs with a target, then only that one goes; without, all go", () => {
    mock.faults.set("token", { kind: "html" });
    mock.faults.set("user", { kind: "reset" });
    mock.faults.clear("token");
    expect(mock.faults.list().map((entry) => entry.target)).toEqual(["user"]);
    mock.faults.clear();
    expect(mock.faults.list()).toEqual([]);
  });

  it("when reset() runs, then the faults are cleared too", async () => {
    mock.faults.set("user", { kind: "reset" });
    mock.reset();
    expect(mock.faults.list()).toEqual([]);
    expect((await api("/user", mock.issueToken("octocat"))).status).toBe(200);
  });

  it("when a fault is invalid, then set() throws a TypeError naming the field", () => {
    expect(() => mock.faults.set("user", { kind: "slow", delayMs: 120_001 })).toThrow(
      '"delayMs" must be an integer from 0 to 120000',
    );
    expect(() => mock.faults.set("user", { kind: "status", status: 99 })).toThrow(
      '"status" must be an integer from 200 to 599',
    );
    expect(() => mock.faults.set("user", { kind: "html", times: 0 })).toThrow(
      '"times" must be a positive integer',
    );
    expect(() => mock.faults.set("nowhere" as FaultTarget, { kind: "html" })).toThrow(
      '"target" must be one of',
    );
    expect(mock.faults.list()).toEqual([]);
  });
});
