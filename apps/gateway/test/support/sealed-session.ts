import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import type { Config } from "../../src/config.js";
import { createSessionCookie, newSession } from "../../src/session/session.js";
import { TestBrowser } from "./browser.js";

/**
 * A browser holding a session of `provider` sealed with the gateway's own secrets, as a
 * sign-in with that provider would have left it: for providers whose sign-in the tests do not
 * replay (each one's is covered by oauth-core's recorded-answer tests).
 */
export async function browserWithSession(
  gateway: { url: string; config: Config },
  provider: string,
  accessToken: string,
): Promise<TestBrowser> {
  const { config } = gateway;
  const cookie = createSessionCookie({
    secrets: config.sessionSecrets,
    absoluteTimeoutSeconds: config.sessionAbsoluteTimeoutSeconds,
    secure: false,
  });
  const session = newSession(
    provider,
    {
      provider,
      id: `${provider}-user-1`,
      login: "jane",
      name: "Jane Doe",
      email: "jane@example.com",
      avatarUrl: null,
      profileUrl: null,
    },
    { accessToken, tokenType: "bearer", scopes: [] },
    config.sessionAbsoluteTimeoutSeconds,
    Date.now(),
  );
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  await cookie.write(res, session);
  const browser = new TestBrowser(gateway.url);
  for (const header of [res.getHeader("set-cookie") ?? []].flat()) {
    const [pair = ""] = String(header).split(";");
    const eq = pair.indexOf("=");
    browser.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return browser;
}
