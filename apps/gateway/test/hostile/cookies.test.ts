import { unsealData } from "iron-session";
import { describe, expect, it } from "vitest";
import type { SessionData } from "../../src/session/session.js";
import type { TestBrowser } from "../support/browser.js";
import { TEST_SECRET } from "../support/gateway.js";
import { CSRF, expectJsonError, sealWithTestSecret, useHostileHarness } from "./support.js";

const { github, gateway, signedIn, apiCalls } = useHostileHarness();

const HOUR = 3600 * 1000;
const NAME = "latchkey.session";

interface Signed {
  sealed: string;
  clock: { now: number };
  browser: TestBrowser;
}

/** octocat's real session, on a gateway whose clock the test moves (defaults: idle 8 h, absolute 7 d). */
async function signedInWithClock() {
  const clock = { now: Date.now() };
  const { gateway: started, browser } = await signedIn({}, { now: () => clock.now });
  return { url: started.url, signed: { sealed: browser.sessionCookie() ?? "", clock, browser } };
}

/** The real session, changed and sealed again with the gateway's own secret. */
async function resealed(sealed: string, edit: (s: SessionData) => object): Promise<string> {
  const session = await unsealData<SessionData>(sealed, { password: { 1: TEST_SECRET }, ttl: 0 });
  return sealWithTestSecret(edit(session as SessionData));
}

/** Anonymous on /api/me and on the proxy (401, never a 500), and GitHub never asked. */
async function expectAnonymous(url: string, cookie: string): Promise<void> {
  const me = await fetch(`${url}/api/me`, { headers: { cookie } });
  await expectJsonError(me, 401, "unauthenticated");
  const proxied = await fetch(`${url}/api/github/user`, { headers: { cookie, ...CSRF } });
  await expectJsonError(proxied, 401, "unauthenticated");
  expect(apiCalls()).toEqual([]);
}

const flip = (v: string, at: number) =>
  `${v.slice(0, at)}${v[at] === "A" ? "B" : "A"}${v.slice(at + 1)}`;

describe("hostile session cookies (C5)", () => {
  it.each<[string, (s: Signed) => string | Promise<string>]>([
    ["has one byte flipped in its MAC", (s) => `${NAME}=${flip(s.sealed, s.sealed.length - 5)}`],
    ["has one byte flipped in its ciphertext", (s) => `${NAME}=${flip(s.sealed, 60)}`],
    ["is truncated", (s) => `${NAME}=${s.sealed.slice(0, -10)}`],
    ["is empty", () => `${NAME}=`],
    ["is garbage", () => `${NAME}=not-a-seal`],
    ["has a wrong Fe26.x prefix", (s) => `${NAME}=Fe26.1${s.sealed.slice(6)}`],
    ["has no prefix at all", (s) => `${NAME}=${s.sealed.slice(7)}`],
    [
      "names a secret id the gateway has never had",
      (s) => `${NAME}=${s.sealed.replace("*1*", "*9*")}`,
    ],
    ["is 8 KB of garbage", () => `${NAME}=${"g".repeat(8 * 1024)}`],
    ["is wrapped in double quotes", (s) => `${NAME}="${s.sealed}"`],
    // The marker after the MAC is not covered by it: only the exact one written opens.
    ["has its ~2 marker changed", (s) => `${NAME}=${s.sealed.replace(/~2$/, "~3")}`],
    ["has its ~2 marker removed", (s) => `${NAME}=${s.sealed.replace(/~2$/, "")}`],
    ["holds a malformed percent-encoding", () => `${NAME}=%E0%A4%A`],
    [
      "is valid but sent under the __Host- name on an http gateway",
      (s) => `__Host-${NAME}=${s.sealed}`,
    ],
    [
      "is sealed with the real secret but has the wrong shape {v:2, sid:'x'}",
      async () => `${NAME}=${await sealWithTestSecret({ v: 2, sid: "x" })}`,
    ],
    [
      "is the real session with an older version number",
      async (s) => `${NAME}=${await resealed(s.sealed, (d) => ({ ...d, v: 1 }))}`,
    ],
    [
      "is a transaction cookie's seal",
      async (s) => {
        await s.browser.startLogin();
        return `${NAME}=${s.browser.cookies.get("latchkey.tx")}`;
      },
    ],
    [
      "is past its absolute timeout by the gateway's clock",
      (s) => {
        s.clock.now += 7 * 24 * HOUR + 1;
        return `${NAME}=${s.sealed}`;
      },
    ],
    [
      "is past its absolute timeout while still in use (expiresAt inside the seal)",
      async (s) =>
        `${NAME}=${await resealed(s.sealed, (d) => ({ ...d, expiresAt: s.clock.now - 1 }))}`,
    ],
    [
      "is idle past the idle timeout",
      (s) => {
        s.clock.now += 8 * HOUR + 1;
        return `${NAME}=${s.sealed}`;
      },
    ],
    [
      "was copied before logout",
      async (s) => {
        expect((await s.browser.post("/auth/logout", CSRF)).status).toBe(204);
        github.mock.requests.length = 0; // the logout's own revocation call
        return `${NAME}=${s.sealed}`;
      },
    ],
    [
      "comes second after a garbage one in the same header",
      (s) => `${NAME}=garbage; ${NAME}=${s.sealed}`,
    ],
  ])(
    "when the session cookie %s, then the request is anonymous (401), never a 500",
    async (_label, make) => {
      const { url, signed } = await signedInWithClock();
      const cookie = await make(signed);
      await expectAnonymous(url, cookie);
    },
  );

  it("when the cookie was sealed with a secret that has since been removed, then it is anonymous", async () => {
    const { signed } = await signedInWithClock();
    const rotated = await gateway({ SESSION_SECRETS: `2:${"n".repeat(48)}` });
    await expectAnonymous(rotated.url, `${NAME}=${signed.sealed}`);
  });

  it("when a valid session cookie comes first and a garbage one second, then the first one counts (200)", async () => {
    // Documented behaviour: the `cookie` parser keeps the first value of a repeated name, as
    // browsers send the most specific (longest path) first. Either way, never a 500.
    const { url, signed } = await signedInWithClock();
    const response = await fetch(`${url}/api/me`, {
      headers: { cookie: `${NAME}=${signed.sealed}; ${NAME}=garbage` },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { user: { login: string } }).user.login).toBe("octocat");
  });

  it("when a cookie header holds a thousand unrelated cookies, then it is still just anonymous", async () => {
    const started = await gateway();
    const cookie = Array.from({ length: 1000 }, (_, i) => `c${i}=${i}`).join("; ");
    await expectAnonymous(started.url, cookie);
  });
});
