import { TestBrowser } from "./browser.js";
import { type HtmlForm, readForm } from "./html-form.js";

/** Anything the test provider's login page accepts as a password (its pages are for development). */
const PASSWORD = "any password will do";

const isRedirect = (status: number) => status >= 300 && status < 400;

/** A sign-in or sign-out that did not end where a browser would have. */
export class OidcUserError extends Error {
  readonly code = "oidc_user_stuck";
}

/**
 * A person with a browser, at the gateway and at the independent OpenID provider: one
 * TestBrowser (cookie jar, no automatic redirects) per origin, so the provider's own session
 * cookie stays at the provider as it would in a browser. Fills in the provider's built-in
 * login, consent and sign-out pages as their forms say.
 */
export class OidcUser {
  private readonly jars = new Map<string, TestBrowser>();

  constructor(readonly issuer: string) {}

  /** The cookie jar this person has for that origin (the gateway's, to call /api/me…). */
  at(url: string): TestBrowser {
    const { origin } = new URL(url);
    let browser = this.jars.get(origin);
    if (!browser) {
      browser = new TestBrowser(origin);
      this.jars.set(origin, browser);
    }
    return browser;
  }

  /**
   * Signs in at the gateway through the provider as `login` (a TestUser's sub): the gateway's
   * login, the provider's login and consent pages, back to the gateway's callback. Returns the
   * gateway's answer to the callback (a redirect to `returnTo`, or to its login page on error).
   */
  async signIn(gatewayUrl: string, login: string, returnTo?: string, providerId = "oidc") {
    const gateway = new URL(gatewayUrl).origin;
    const query = returnTo === undefined ? "" : `?${new URLSearchParams({ returnTo })}`;
    let url = `${gateway}/auth/${providerId}/login${query}`;
    let response = await this.at(url).get(url);
    for (let step = 0; step < 12; step += 1) {
      const here = new URL(url).origin;
      if (isRedirect(response.status)) {
        const next = new URL(response.headers.get("location") ?? "", url);
        // The gateway sending its own page: the callback is done, one way or the other.
        if (here === gateway && next.origin === gateway) return response;
        url = next.href;
        response = await this.at(url).get(url);
      } else if (here !== gateway && response.status === 200) {
        const form = readForm(await response.text(), url);
        response = await this.submit(form, { login, password: PASSWORD });
        url = form.action;
      } else {
        break;
      }
    }
    throw new OidcUserError(`sign-in stopped at ${url} with HTTP ${response.status}`);
  }

  /**
   * Signs out at the provider itself ("Yes, sign me out" on its end-session page): the provider
   * ends its session, revokes the grants, and notifies every client by back-channel logout.
   * Returns where the provider sent the browser.
   */
  async endSessionAtProvider(): Promise<URL> {
    return this.followEndSession(new URL("session/end", `${this.issuer}/`).href);
  }

  /**
   * Opens an end-session URL (RP-initiated logout, as a gateway hands it out) and confirms the
   * provider's page; `signOutAtProvider: false` presses "No, stay signed in", which still ends
   * that client's part. Returns the provider's redirect (post_logout_redirect_uri with state),
   * not followed.
   */
  async followEndSession(url: string, { signOutAtProvider = true } = {}): Promise<URL> {
    const page = await this.at(url).get(url);
    if (page.status !== 200) {
      throw new OidcUserError(`the end-session page answered HTTP ${page.status}: ${url}`);
    }
    const form = readForm(await page.text(), url);
    if (signOutAtProvider) form.hidden.set("logout", "yes");
    else form.hidden.delete("logout");
    const confirmed = await this.submit(form, {});
    const location = confirmed.headers.get("location");
    if (!isRedirect(confirmed.status) || !location) {
      throw new OidcUserError(`the end-session confirmation answered HTTP ${confirmed.status}`);
    }
    return new URL(location, form.action);
  }

  /** Submits the form with `values` for the inputs it asks the person to fill in. */
  private submit(form: HtmlForm, values: Record<string, string>): Promise<Response> {
    const body = new URLSearchParams(form.hidden);
    for (const name of form.inputs) {
      const value = values[name];
      if (value === undefined) throw new OidcUserError(`${form.action} asks for "${name}"`);
      body.set(name, value);
    }
    if (form.method !== "post") return this.at(form.action).get(`${form.action}?${body}`);
    return this.at(form.action).request(form.action, { method: "POST", body });
  }
}
