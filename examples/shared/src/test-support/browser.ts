/** One answer, read in full so the connection is free and the body can be searched. */
export interface Page {
  status: number;
  headers: Headers;
  body: string;
  /** The Location header, resolved against the request URL. */
  location: URL | undefined;
  setCookies: SetCookie[];
}

export interface SetCookie {
  name: string;
  value: string;
  /** Attribute names lower-cased; `true` for flags such as HttpOnly. */
  attributes: Record<string, string | true>;
}

export function parseSetCookie(raw: string): SetCookie {
  const [pair = "", ...rest] = raw.split(";").map((part) => part.trim());
  const eq = pair.indexOf("=");
  const attributes: Record<string, string | true> = {};
  for (const attribute of rest) {
    const i = attribute.indexOf("=");
    if (i === -1) attributes[attribute.toLowerCase()] = true;
    else attributes[attribute.slice(0, i).toLowerCase()] = attribute.slice(i + 1);
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes };
}

export type Choice = { login: string } | "cancel";

/**
 * Just enough of a browser: a cookie jar for the example's origin (the mock sets none), no
 * automatic redirects so every hop can be checked, and a record of everything the example
 * sent, to prove no token is ever in it.
 */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  /** Every status line, header and body received from the example. */
  readonly received: string[] = [];

  constructor(readonly origin: string) {}

  async request(target: string | URL, init: RequestInit = {}): Promise<Page> {
    const url = new URL(target, this.origin);
    const ours = url.origin === this.origin;
    const headers = new Headers(init.headers);
    const jar = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    if (ours && jar && !headers.has("cookie")) headers.set("cookie", jar);
    const response = await fetch(url, {
      ...init,
      headers,
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
    const body = await response.text();
    const location = response.headers.get("location");
    const setCookies = response.headers.getSetCookie().map(parseSetCookie);
    if (ours) {
      this.received.push(`${response.status}`, ...[...response.headers].flat(), body);
      for (const cookie of setCookies) {
        if (cookie.attributes["max-age"] === "0") this.cookies.delete(cookie.name);
        else this.cookies.set(cookie.name, cookie.value);
      }
    }
    return {
      status: response.status,
      headers: response.headers,
      body,
      location: location === null ? undefined : new URL(location, url),
      setCookies,
    };
  }

  get(target: string | URL, headers: Record<string, string> = {}): Promise<Page> {
    return this.request(target, { headers });
  }

  post(target: string | URL, headers: Record<string, string> = {}): Promise<Page> {
    return this.request(target, { method: "POST", headers });
  }

  /** `/login`, which must send the browser to GitHub's (the mock's) authorize page. */
  async startLogin(): Promise<{ page: Page; authorizeUrl: URL }> {
    const page = await this.get("/login");
    if (page.status !== 302 || !page.location) throw new Error(`/login answered ${page.status}`);
    return { page, authorizeUrl: page.location };
  }

  /**
   * The person on the mock's consent page: loads it, reads its form (action and hidden
   * fields) and submits it with the button pressed, as a browser would. Returns where the
   * mock sends the browser back to: the example's callback URL.
   */
  async consent(authorizeUrl: URL, choice: Choice): Promise<URL> {
    const page = await this.get(authorizeUrl);
    if (page.status !== 200) throw new Error(`the consent page answered ${page.status}`);
    const form = readForm(page.body);
    const fields = new URLSearchParams(form.fields);
    if (choice === "cancel") fields.set("cancel", "1");
    else fields.set("login", choice.login);
    const decision = await this.request(new URL(form.action, authorizeUrl), {
      method: "POST",
      body: fields,
    });
    if (decision.status !== 302 || !decision.location) {
      throw new Error(`the consent form answered ${decision.status}`);
    }
    return decision.location;
  }

  /** The whole sign-in up to the example's answer to the callback. */
  async signIn(choice: Choice = { login: "octocat" }): Promise<{ callbackUrl: URL; page: Page }> {
    const { authorizeUrl } = await this.startLogin();
    const callbackUrl = await this.consent(authorizeUrl, choice);
    return { callbackUrl, page: await this.get(callbackUrl) };
  }
}

function unescapeHtml(text: string): string {
  return text
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}

/** The consent page's one form: its action and hidden fields. */
function readForm(html: string): { action: string; fields: [string, string][] } {
  const action = /<form method="post" action="([^"]*)">/.exec(html)?.[1];
  if (action === undefined) throw new Error("the consent page has no form");
  const fields = [...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map(
    ([, name = "", value = ""]) => [unescapeHtml(name), unescapeHtml(value)] as [string, string],
  );
  return { action: unescapeHtml(action), fields };
}
