import type { IncomingMessage } from "node:http";
import {
  createAuthorizationRequest,
  exchangeCode,
  fetchUser,
  type OAuthProvider,
  parseCallback,
  revokeToken,
} from "@latchkey/oauth-core";
import type { Config } from "./config.js";
import { LOGIN_COOKIE, parseCookies, SESSION_COOKIE, serializeCookie } from "./cookies.js";
import { logLine, NoLoginUnderWayError } from "./failures.js";
import { homePage } from "./pages.js";
import { errorReply, html, type Reply, redirect } from "./replies.js";
import { LOGIN_TTL_MS, newSessionId, type Stores } from "./sessions.js";

/** What a handler gets: the request, its URL, and cookies to set whatever the outcome. */
export interface RequestContext {
  req: IncomingMessage;
  url: URL;
  setCookies: string[];
}

export type Handler = (context: RequestContext) => Promise<Reply>;

export interface RouteDependencies {
  config: Config;
  provider: OAuthProvider;
  stores: Stores;
  log: (line: string) => void;
}

export function createRoutes({ config, provider, stores, log }: RouteDependencies) {
  // The very URL registered with the GitHub app; the code exchange must repeat it.
  const redirectUri = new URL("/callback", config.publicUrl).href;
  const secure = config.publicUrl.protocol === "https:";
  const sessionCookie = (value: string, maxAge?: number) =>
    serializeCookie(SESSION_COOKIE, value, { path: "/", secure, maxAge });
  // Sent to /callback only: no other route needs it.
  const loginCookie = (value: string, maxAge: number) =>
    serializeCookie(LOGIN_COOKIE, value, { path: "/callback", secure, maxAge });

  const home: Handler = async ({ req, setCookies }) => {
    const sessionId = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    const session = sessionId ? stores.sessions.get(sessionId) : undefined;
    // An id we do not know (expired, or the server restarted): drop it from the browser.
    if (sessionId && !session) setCookies.push(sessionCookie("", 0));
    return html(200, homePage(session?.user));
  };

  const login: Handler = async ({ setCookies }) => {
    const request = await createAuthorizationRequest(provider, { redirectUri });
    stores.logins.set(request.state, {
      state: request.state,
      codeVerifier: request.codeVerifier,
    });
    // The cookie ties the login to this browser: a callback URL opened anywhere else (an
    // attacker's, sent to a victim) finds no cookie and goes no further.
    setCookies.push(loginCookie(request.state, LOGIN_TTL_MS / 1000));
    return redirect(request.url.href);
  };

  const callback: Handler = async ({ req, url, setCookies }) => {
    const cookies = parseCookies(req.headers.cookie);
    const expectedState = cookies.get(LOGIN_COOKIE);
    // Taken, not read: whatever happens next, this login cannot be finished twice, so a
    // replayed callback URL meets NoLoginUnderWayError before the code reaches GitHub.
    const transaction = expectedState ? stores.logins.take(expectedState) : undefined;
    setCookies.push(loginCookie("", 0));
    if (!transaction) throw new NoLoginUnderWayError();

    const { code } = parseCallback(url.searchParams, { expectedState: transaction.state });
    const tokens = await exchangeCode(provider, {
      code,
      redirectUri,
      codeVerifier: transaction.codeVerifier,
    });
    const { user } = await fetchUser(provider, tokens.accessToken, { scopes: tokens.scopes });

    // A new id at every sign-in, so an id planted in the browser beforehand (session
    // fixation) never becomes a signed-in one.
    const previous = cookies.get(SESSION_COOKIE);
    if (previous) stores.sessions.delete(previous);
    const sessionId = newSessionId();
    stores.sessions.set(sessionId, {
      user,
      accessToken: tokens.accessToken,
      scopes: tokens.scopes,
    });
    setCookies.push(sessionCookie(sessionId));
    return redirect("/");
  };

  const logout: Handler = async ({ req, setCookies }) => {
    // SameSite=Lax already keeps the cookie off cross-site POSTs; refusing a foreign Origin
    // covers browsers that ignore SameSite.
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== config.publicUrl.origin) {
      return errorReply(403, "Forbidden", "Sign out from this site's own page.");
    }
    const sessionId = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    const session = sessionId ? stores.sessions.take(sessionId) : undefined;
    setCookies.push(sessionCookie("", 0));
    if (session) {
      try {
        // Give the token back, so a copy of it (a log, a memory dump) is worth nothing.
        await revokeToken(provider, session.accessToken);
      } catch (error) {
        // The session is over either way; the token remains valid at GitHub until the
        // person revokes the app, which the operator should know about.
        log(`Could not revoke the token of ${session.user.login}: ${logLine(error)}`);
      }
    }
    // 303: the browser follows with a GET, so a reload does not post the form again.
    return redirect("/", 303);
  };

  return { home, login, callback, logout };
}
