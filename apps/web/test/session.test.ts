import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { forgetSession, loadSession } from "../src/auth";
import { octocat, sessionFor } from "../src/mocks";
import { gateway, server } from "./server";

describe("the shared session check", () => {
  it("when several loaders ask at once, then one /api/me answers them all", async () => {
    gateway.signIn();
    const answers = await Promise.all([loadSession(), loadSession(), loadSession()]);
    expect(answers.map((me) => me?.user.login)).toEqual(["octocat", "octocat", "octocat"]);
    expect(meCalls()).toBe(1);
  });

  it("when the answer is forgotten while /api/me is in flight, then the next one waits for it, never two at once", async () => {
    let inFlight = 0;
    let most = 0;
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    server.use(
      http.get("/api/me", async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await held;
        inFlight -= 1;
        return HttpResponse.json(sessionFor(octocat));
      }),
    );
    const first = loadSession();
    forgetSession();
    const second = loadSession();
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await Promise.all([first, second]);
    expect(most).toBe(1);
  });
});

function meCalls(): number {
  return gateway.state.requests.filter((r) => new URL(r.url).pathname === "/api/me").length;
}
