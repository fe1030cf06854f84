import type { SignIn } from "@latchkey/example-shared";
import { homePage, LOGIN_COOKIE, PATHS, SESSION_COOKIE } from "@latchkey/example-shared";
import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { CookieOptions } from "hono/utils/cookie";

/**
 * The four routes: cookies in, the shared sign-in flow, cookies and a response out. Failures
 * are thrown, not answered here: the app's `onError` turns each into the right page and status,
 * in one place.
 */
export function authRoutes(signIn: SignIn): Hono {
  // Always HttpOnly (page scripts never see the ids) and SameSite=Lax: sent when GitHub's
  // redirect lands on /callback, not on cross-site POSTs such as a forged logout form.
  const cookie: CookieOptions = { httpOnly: true, sameSite: "Lax", secure: signIn.secureCookies };
  const loginCookie: CookieOptions = { ...cookie, path: LOGIN_COOKIE.path };
  const sessionCookie: CookieOptions = { ...cookie, path: SESSION_COOKIE.path };

  const dropSession = (c: Context) => deleteCookie(c, SESSION_COOKIE.name, sessionCookie);

  return new Hono()
    .get(PATHS.home, (c) => {
      const sessionId = getCookie(c, SESSION_COOKIE.name);
      const user = signIn.user(sessionId);
      // An id we do not know (expired, or the server restarted): drop it from the browser.
      if (sessionId && !user) dropSession(c);
      return c.html(homePage(user));
    })

    .get(PATHS.login, async (c) => {
      const { authorizeUrl, state } = await signIn.start();
      setCookie(c, LOGIN_COOKIE.name, state, { ...loginCookie, maxAge: LOGIN_COOKIE.maxAge });
      return c.redirect(authorizeUrl.href);
    })

    .get(PATHS.callback, async (c) => {
      const loginState = getCookie(c, LOGIN_COOKIE.name);
      // Cleared before finishing, so it goes out with the error page too: the login is over.
      deleteCookie(c, LOGIN_COOKIE.name, loginCookie);
      const sessionId = await signIn.finish({
        // The raw query, not c.req.query(): parseCallback refuses repeated parameters.
        query: new URL(c.req.url).searchParams,
        loginState,
        sessionId: getCookie(c, SESSION_COOKIE.name),
      });
      setCookie(c, SESSION_COOKIE.name, sessionId, sessionCookie);
      return c.redirect(PATHS.home);
    })

    .post(PATHS.logout, async (c) => {
      await signIn.signOut({
        origin: c.req.header("origin"),
        fetchSite: c.req.header("sec-fetch-site"),
        sessionId: getCookie(c, SESSION_COOKIE.name),
      });
      dropSession(c);
      // 303: the browser follows with a GET, so a reload does not post the form again.
      return c.redirect(PATHS.home, 303);
    });
}
