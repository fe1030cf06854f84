import type { IncomingMessage } from "node:http";
import type { SignIn } from "@latchkey/example-shared";
import { homePage, LOGIN_COOKIE, PATHS, SESSION_COOKIE } from "@latchkey/example-shared";
import { parseCookies, serializeCookie } from "./cookies.js";
import { html, type Reply, redirect } from "./replies.js";

/** What a handler gets: the request, its URL, and cookies to set whatever the outcome. */
export interface RequestContext {
  req: IncomingMessage;
  url: URL;
  setCookies: string[];
}

export type Handler = (context: RequestContext) => Promise<Reply>;

/**
 * The four handlers: cookies in, the shared sign-in flow, cookies and a reply out. Failures
 * are thrown, not answered here: app.ts turns each into the right page and status.
 */
export function createRoutes(signIn: SignIn) {
  const secure = signIn.secureCookies;
  const sessionCookie = (value: string, maxAge?: number) =>
    serializeCookie(SESSION_COOKIE.name, value, { path: SESSION_COOKIE.path, secure, maxAge });
  const loginCookie = (value: string, maxAge: number) =>
    serializeCookie(LOGIN_COOKIE.name, value, { path: LOGIN_COOKIE.path, secure, maxAge });

  const home: Handler = async ({ req, setCookies }) => {
    const sessionId = parseCookies(req.headers.cookie).get(SESSION_COOKIE.name);
    const user = signIn.user(sessionId);
    // An id we do not know (expired, or the server restarted): drop it from the browser.
    if (sessionId && !user) setCookies.push(sessionCookie("", 0));
    return html(200, homePage(user));
  };

  const login: Handler = async ({ setCookies }) => {
    const { authorizeUrl, state } = await signIn.start();
    setCookies.push(loginCookie(state, LOGIN_COOKIE.maxAge));
    return redirect(authorizeUrl.href);
  };

  const callback: Handler = async ({ req, url, setCookies }) => {
    const cookies = parseCookies(req.headers.cookie);
    // Cleared before finishing, so it goes out with the error page too: the login is over.
    setCookies.push(loginCookie("", 0));
    const sessionId = await signIn.finish({
      query: url.searchParams,
      loginState: cookies.get(LOGIN_COOKIE.name),
      sessionId: cookies.get(SESSION_COOKIE.name),
    });
    setCookies.push(sessionCookie(sessionId));
    return redirect(PATHS.home);
  };

  const logout: Handler = async ({ req, setCookies }) => {
    await signIn.signOut({
      origin: req.headers.origin,
      fetchSite: req.headers["sec-fetch-site"],
      sessionId: parseCookies(req.headers.cookie).get(SESSION_COOKIE.name),
    });
    setCookies.push(sessionCookie("", 0));
    // 303: the browser follows with a GET, so a reload does not post the form again.
    return redirect(PATHS.home, 303);
  };

  return { home, login, callback, logout };
}
