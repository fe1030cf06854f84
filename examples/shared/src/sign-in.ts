import {
  createAuthorizationRequest,
  exchangeCode,
  fetchUser,
  github,
  type NormalizedUser,
  parseCallback,
  revokeToken,
} from "@latchkey/oauth-core";
import type { Config } from "./config.js";
import {
  ForeignOriginError,
  type Log,
  logLine,
  logToStderr,
  NoLoginUnderWayError,
} from "./failures.js";
import { PATHS } from "./names.js";
import { createStores, newSessionId, type Stores } from "./sessions.js";

export interface SignInOptions {
  /** Default: fresh in-memory stores. */
  stores?: Stores;
  /** Where operator messages go; default stderr. */
  log?: Log;
}

/** What the login route sends the browser off with. */
export interface LoginStart {
  /** GitHub's authorize page, with `state` and the S256 PKCE challenge: redirect here. */
  authorizeUrl: URL;
  /** Goes into the login cookie, which ties the login to this browser. */
  state: string;
}

/** What the callback route read from the request. */
export interface CallbackRequest {
  /** The raw query: parseCallback refuses repeated parameters, which a parsed view hides. */
  query: URLSearchParams;
  /** The login cookie, if the browser sent one. */
  loginState: string | undefined;
  /** The session cookie, if the browser already had one. */
  sessionId: string | undefined;
}

/** What the logout route read from the request. */
export interface LogoutRequest {
  /** The Origin header, if any: a sign-out posted from another site is refused. */
  origin: string | undefined;
  /** The Sec-Fetch-Site header, if any: `cross-site` is refused whatever Origin says. */
  fetchSite: string | undefined;
  sessionId: string | undefined;
}

/**
 * The sign-in itself, every oauth-core call in it, with no HTTP: each server reads cookies and
 * the query its own way, calls these, and writes cookies and answers its own way. Failures are
 * thrown (see failures.ts), for the server's one error handler to turn into a page.
 */
export interface SignIn {
  /** Whether the cookies get `Secure`: a Secure cookie is never sent over plain http. */
  readonly secureCookies: boolean;
  /** Who holds this session; undefined for no id, or one we do not know (expired, restarted). */
  user(sessionId: string | undefined): NormalizedUser | undefined;
  /** The login route: a new login under way, kept server-side. */
  start(): Promise<LoginStart>;
  /**
   * The callback route: finishes the login and returns the new session's id. The caller
   * clears the login cookie whatever the outcome, since a login is over once its callback came.
   */
  finish(request: CallbackRequest): Promise<string>;
  /** The logout route: ends the session and gives the token back. The caller clears its cookie. */
  signOut(request: LogoutRequest): Promise<void>;
}

export function createSignIn(config: Config, options: SignInOptions = {}): SignIn {
  const stores = options.stores ?? createStores();
  const log = options.log ?? logToStderr;
  const provider = github({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    url: config.githubUrl,
  });
  // The very URL registered with the GitHub app; the code exchange must repeat it.
  const redirectUri = new URL(PATHS.callback, config.publicUrl).href;

  return {
    secureCookies: config.publicUrl.protocol === "https:",

    user: (sessionId) => (sessionId ? stores.sessions.get(sessionId)?.user : undefined),

    async start() {
      const request = await createAuthorizationRequest(provider, { redirectUri });
      stores.logins.set(request.state, { codeVerifier: request.codeVerifier });
      return { authorizeUrl: request.url, state: request.state };
    },

    async finish({ query, loginState, sessionId: previous }) {
      // Taken, not read: whatever happens next, this login cannot be finished twice, so a
      // replayed callback URL meets NoLoginUnderWayError before the code reaches GitHub. No
      // login cookie (a callback URL opened in another browser, say an attacker's sent to a
      // victim) goes no further either.
      const transaction = loginState ? stores.logins.take(loginState) : undefined;
      if (!loginState || !transaction) throw new NoLoginUnderWayError();

      const { code } = parseCallback(query, { expectedState: loginState });
      const tokens = await exchangeCode(provider, {
        code,
        redirectUri,
        codeVerifier: transaction.codeVerifier,
      });
      const { user } = await fetchUser(provider, tokens.accessToken, { scopes: tokens.scopes });

      // A new id at every sign-in, so an id planted in the browser beforehand (session
      // fixation) never becomes a signed-in one.
      if (previous) stores.sessions.delete(previous);
      const sessionId = newSessionId();
      stores.sessions.set(sessionId, {
        user,
        accessToken: tokens.accessToken,
        scopes: tokens.scopes,
      });
      return sessionId;
    },

    async signOut({ origin, fetchSite, sessionId }) {
      // As the gateway decides: a browser that says the post came from another site is
      // refused, and so is any Origin but ours, `null` included (an opaque origin could be
      // any page). A post with no Origin is not a current browser's form; SameSite=Lax keeps
      // the session cookie off cross-site posts from older ones.
      if (fetchSite === "cross-site") throw new ForeignOriginError();
      if (origin !== undefined && origin !== config.publicUrl.origin) {
        throw new ForeignOriginError();
      }
      const session = sessionId ? stores.sessions.take(sessionId) : undefined;
      if (!session) return;
      try {
        // Give the token back, so a copy of it (a log, a memory dump) is worth nothing.
        await revokeToken(provider, session.accessToken);
      } catch (error) {
        // The session is over either way; the token remains valid at GitHub until the
        // person revokes the app, which the operator should know about.
        log(`Could not revoke the token of ${session.user.login}: ${logLine(error)}`);
      }
    },
  };
}
