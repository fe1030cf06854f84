export interface SetCookie {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
  raw: string;
}

export function parseSetCookie(raw: string): SetCookie {
  const [pair = "", ...attrs] = raw.split(";").map((part) => part.trim());
  const eq = pair.indexOf("=");
  const attributes: Record<string, string | true> = {};
  for (const attr of attrs) {
    const i = attr.indexOf("=");
    if (i === -1) attributes[attr.toLowerCase()] = true;
    else attributes[attr.slice(0, i).toLowerCase()] = attr.slice(i + 1);
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes, raw };
}

/**
 * Just enough of a browser for HTTP-level tests: a cookie jar for one origin and no
 * automatic redirects, so every hop can be asserted.
 */
export class TestBrowser {
  readonly cookies = new Map<string, string>();

  /** `headers` go with every request, e.g. a browser's User-Agent. */
  constructor(
    readonly origin: string,
    readonly headers: Record<string, string> = {},
  ) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(this.headers)) {
      if (!headers.has(name)) headers.set(name, value);
    }
    const jar = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (jar && !headers.has("cookie")) headers.set("cookie", jar);
    const response = await fetch(new URL(path, this.origin), {
      ...init,
      headers,
      redirect: "manual",
    });
    for (const raw of response.headers.getSetCookie()) {
      const cookie = parseSetCookie(raw);
      const expired = cookie.attributes["max-age"] === "0" || cookie.value === "";
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, { headers });
  }

  post(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, { method: "POST", headers });
  }

  /** Starts a login and returns the provider's authorize URL the gateway redirected to. */
  async startLogin(returnTo?: string, provider = "github"): Promise<URL> {
    const query = returnTo === undefined ? "" : `?${new URLSearchParams({ returnTo })}`;
    const response = await this.get(`/auth/${provider}/login${query}`);
    if (response.status !== 302) throw new Error(`login answered ${response.status}`);
    return new URL(response.headers.get("location") ?? "");
  }

  /**
   * Presses a button on the mock's consent page (GitHub's or its OpenID Connect one), as the
   * page's form would: every authorize parameter back to the same URL, plus the choice.
   */
  async consent(authorizeUrl: URL, choice: { login: string } | "cancel"): Promise<string> {
    const fields = new URLSearchParams(authorizeUrl.searchParams);
    if (choice === "cancel") fields.set("cancel", "1");
    else fields.set("login", choice.login);
    const response = await fetch(new URL(authorizeUrl.pathname, authorizeUrl), {
      method: "POST",
      body: fields,
      redirect: "manual",
    });
    const location = new URL(response.headers.get("location") ?? "");
    if (location.origin !== this.origin) throw new Error(`consent redirected to ${location}`);
    return `${location.pathname}${location.search}`;
  }

  /** The whole sign-in; returns the gateway's answer to the callback. */
  async signIn(
    login = "octocat",
    returnTo = "/restricted",
    provider = "github",
  ): Promise<Response> {
    const authorize = await this.startLogin(returnTo, provider);
    return this.get(await this.consent(authorize, { login }));
  }

  sessionCookie(): string | undefined {
    return this.cookies.get("latchkey.session");
  }
}
