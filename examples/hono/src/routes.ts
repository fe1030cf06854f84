import {
  createAuthorizationRequest,
  exchangeCode,
  fetchUser,
  type OAuthProvider,
  parseCallback,
  revokeToken,
} from "@latchkey/oauth-core";
import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { CookieOptions } from "hono/utils/cookie";
import type { Config } from "./config.js";
import { logLine, NoLoginUnderWayError } from "./failures.js";
import { errorPage, homePage } from "./pages.js";
import { LOGIN_TTL_MS, newSessionId, type Stores } from "./sessions.js";

export const SESSION_COOKIE = "session";
export const LOGIN_COOKIE = "login_state";

export interface RouteDependencies {
  config: Config;
  provider: OAuthProvider;
  stores: Stores;
  log: (line: string) => void;
}

/**
 * The four routes. Failures are thrown, not answered here: the app's `onError` turns each
 * oauth-core error into the right page and status, in one place.
 */
export function authRoutes({ config, provider, stores, log }: RouteDependencies): Hono {
  // The very URL registered with the GitHub app; the code exchange must repeat it.
  const redirectUri = new URL("/callback", config.publicUrl).href;
  // Always HttpOnly (page scripts never see the ids) and SameSite=Lax: sent when GitHub's
  // redirect lands on /callback, not on cross-site POSTs such as a forged logout form.
  const cookie: CookieOptions = {
    httpOnly: true,
    sameSite: "Lax",
    secure: config.publicUrl.protocol === "https:",
  };
  // The login cookie goes to /callback only: no other route needs it.
  const loginCookie: CookieOptions = { ...cookie, path: "/callback" };
  const sessionCookie: CookieOptions = { ...cookie, path: "/" };

  const dropSession = (c: Context) => deleteCookie(c, SESSION_COOKIE, sessionCookie);

  return new Hono()
    .get("/", (c) => {
      const sessionId = getCookie(c, SESSION_COOKIE);
      const session = sessionId ? stores.sessions.get(sessionId) : undefined;
      // An id we do not know (expired, or the server restarted): drop it from the browser.
      if (sessionId && !session) dropSession(c);
      return c.html(homePage(session?.user));
    })

    .get("/login", async (c) => {
      const request = await createAuthorizationRequest(provider, { redirectUri });
      stores.logins.set(request.state, {
        state: request.state,
        codeVerifier: request.codeVerifier,
      });
      // The cookie ties the login to this browser: a callback URL opened anywhere else (an
      // attacker's, sent to a victim) finds no cookie and goes no further.
      setCookie(c, LOGIN_COOKIE, request.state, { ...loginCookie, maxAge: LOGIN_TTL_MS / 1000 });
      return c.redirect(request.url.href);
    })

    .get("/callback", async (c) => {
      const expectedState = getCookie(c, LOGIN_COOKIE);
      // Taken, not read: whatever happens next, this login cannot be finished twice, so a
      // replayed callback URL meets NoLoginUnderWayError before the code reaches GitHub.
      const transaction = expectedState ? stores.logins.take(expectedState) : undefined;
      deleteCookie(c, LOGIN_COOKIE, loginCookie);
      if (!transaction) throw new NoLoginUnderWayError();

      // The raw query, not c.req.query(): parseCallback refuses repeated parameters.
      const query = new URL(c.req.url).searchParams;
      const { code } = parseCallback(query, { expectedState: transaction.state });
      const tokens = await exchangeCode(provider, {
        code,
        redirectUri,
        codeVerifier: transaction.codeVerifier,
      });
      const { user } = await fetchUser(provider, tokens.accessToken, { scopes: tokens.scopes });

      // A new id at every sign-in, so an id planted in the browser beforehand (session
      // fixation) never becomes a signed-in one.
      const previous = getCookie(c, SESSION_COOKIE);
      if (previous) stores.sessions.delete(previous);
      const sessionId = newSessionId();
      stores.sessions.set(sessionId, {
        user,
        accessToken: tokens.accessToken,
        scopes: tokens.scopes,
      });
      setCookie(c, SESSION_COOKIE, sessionId, sessionCookie);
      return c.redirect("/");
    })

    .post("/logout", async (c) => {
      // SameSite=Lax already keeps the cookie off cross-site POSTs; refusing a foreign Origin
      // covers browsers that ignore SameSite.
      const origin = c.req.header("origin");
      if (origin !== undefined && origin !== config.publicUrl.origin) {
        return c.html(errorPage("Forbidden", "Sign out from this site's own page."), 403);
      }
      const sessionId = getCookie(c, SESSION_COOKIE);
      const session = sessionId ? stores.sessions.take(sessionId) : undefined;
      dropSession(c);
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
      return c.redirect("/", 303);
    });
}
