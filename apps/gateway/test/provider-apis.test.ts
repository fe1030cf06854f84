import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { startGateway } from "./support/gateway.js";
import { useMockGitHub } from "./support/network.js";
import { browserWithSession } from "./support/sealed-session.js";

const network = useMockGitHub();
const CSRF = { "x-csrf": "1" };
const WELL_KNOWN = "/.well-known/openid-configuration";
/** What Node adds to any outgoing request, besides what the gateway chose to send. */
const TRANSPORT = new Set(["host", "connection"]);

interface Recorded {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

interface Row {
  /** The provider id, and the row's name in the test titles. */
  id: string;
  name: string;
  env: Record<string, string>;
  /** The path a signed-in page calls, after `/api/<id>`. */
  path: string;
  /** Where the API really is, as an msw path (`:version` where it varies). */
  upstream: string;
  /** Besides accept, user-agent and the token: the headers this API gets on every call. */
  sent: Record<string, string>;
  /** API-specific request headers the client sends, which must pass. */
  clientSends?: Record<string, string>;
  scheme: "Bearer" | "OAuth";
  etags: boolean;
  /** The API's real answer to this GET for the signed-in user. */
  answer: Recorded;
  /** Its answer to a token it no longer accepts. */
  refusal: Recorded;
}

const json = { "content-type": "application/json; charset=utf-8" };

const ROWS: Row[] = [
  {
    id: "github",
    name: "GitHub",
    env: { GITHUB_URL: "https://github.com" },
    path: "/user",
    upstream: "https://api.github.com/user",
    sent: {},
    clientSends: { "x-github-api-version": "2022-11-28" },
    scheme: "Bearer",
    etags: true,
    answer: {
      status: 200,
      headers: {
        ...json,
        etag: 'W/"4d1a2c7e0d3f"',
        "x-ratelimit-limit": "5000",
        "x-ratelimit-remaining": "4999",
        "x-github-api-version-selected": "2022-11-28",
      },
      body: { login: "octocat", id: 583231, type: "User", name: "The Octocat" },
    },
    refusal: {
      status: 401,
      headers: json,
      body: {
        message: "Bad credentials",
        documentation_url: "https://docs.github.com/rest",
        status: "401",
      },
    },
  },
  {
    id: "gitlab",
    name: "GitLab",
    env: {},
    path: "/user",
    upstream: "https://gitlab.com/api/v4/user",
    sent: {},
    scheme: "Bearer",
    etags: true,
    answer: {
      status: 200,
      headers: {
        ...json,
        etag: 'W/"b1946ac92492d2347c6235b4d2611184"',
        "ratelimit-remaining": "1999",
      },
      body: {
        id: 1,
        username: "jane",
        name: "Jane Doe",
        state: "active",
        web_url: "https://gitlab.com/jane",
      },
    },
    refusal: { status: 401, headers: json, body: { message: "401 Unauthorized" } },
  },
  {
    id: "gitlab",
    name: "GitLab (self-managed)",
    env: { GITLAB_URL: "https://gitlab.example.com" },
    path: "/user",
    upstream: "https://gitlab.example.com/api/v4/user",
    sent: {},
    scheme: "Bearer",
    etags: true,
    answer: {
      status: 200,
      headers: { ...json, etag: 'W/"7d865e959b2466918c9863afca942d0f"' },
      body: { id: 42, username: "jane", name: "Jane Doe", state: "active" },
    },
    refusal: { status: 401, headers: json, body: { message: "401 Unauthorized" } },
  },
  {
    id: "google",
    name: "Google",
    env: {},
    path: "/oauth2/v3/userinfo",
    upstream: "https://www.googleapis.com/oauth2/v3/userinfo",
    sent: {},
    scheme: "Bearer",
    etags: true,
    answer: {
      status: 200,
      headers: { ...json, etag: '"r9tpWZ9aH3Zm1bP0g4bLwA"', vary: "Origin, X-Origin, Referer" },
      body: {
        sub: "110169484474386276334",
        name: "Jane Doe",
        email: "jane@example.com",
        email_verified: true,
      },
    },
    refusal: {
      status: 401,
      headers: { ...json, "www-authenticate": 'Bearer realm="https://accounts.google.com/"' },
      body: { error: "invalid_request", error_description: "Invalid Credentials" },
    },
  },
  {
    id: "microsoft",
    name: "Microsoft Graph",
    env: { MICROSOFT_TENANT: "72f988bf-86f1-41af-91ab-2d7cd011db47" },
    path: "/v1.0/me",
    upstream: "https://graph.microsoft.com/v1.0/me",
    sent: {},
    clientSends: { consistencylevel: "eventual" },
    scheme: "Bearer",
    etags: false,
    answer: {
      status: 200,
      headers: {
        "content-type":
          "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8",
        "request-id": "0b4c0d4e-2a5f-4b1e-9d3f-1c2b3a4d5e6f",
      },
      body: {
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
        displayName: "Jane Doe",
        userPrincipalName: "jane@contoso.com",
        id: "87d349ed-44d7-43e1-9a83-5f2406dee5bd",
      },
    },
    refusal: {
      status: 401,
      headers: json,
      body: {
        error: {
          code: "InvalidAuthenticationToken",
          message: "Access token has expired or is not yet valid.",
        },
      },
    },
  },
  {
    id: "bitbucket",
    name: "Bitbucket",
    env: {},
    path: "/user",
    upstream: "https://api.bitbucket.org/2.0/user",
    sent: {},
    scheme: "Bearer",
    etags: false,
    answer: {
      status: 200,
      headers: json,
      body: {
        type: "user",
        username: "jane",
        display_name: "Jane Doe",
        uuid: "{d301aafa-d676-4ee0-88be-962be7417567}",
      },
    },
    refusal: {
      status: 401,
      headers: json,
      body: { type: "error", error: { message: "Access token expired." } },
    },
  },
  {
    id: "discord",
    name: "Discord",
    env: {},
    path: "/users/@me",
    upstream: "https://discord.com/api/users/@me",
    sent: {},
    scheme: "Bearer",
    etags: false,
    answer: {
      status: 200,
      headers: { ...json, "x-ratelimit-limit": "5", "x-ratelimit-remaining": "4" },
      body: { id: "80351110224678912", username: "jane", global_name: "Jane", avatar: null },
    },
    refusal: { status: 401, headers: json, body: { message: "401: Unauthorized", code: 0 } },
  },
  {
    id: "slack",
    name: "Slack",
    env: {},
    path: "/openid.connect.userInfo",
    upstream: "https://slack.com/api/openid.connect.userInfo",
    sent: {},
    scheme: "Bearer",
    etags: false,
    answer: {
      status: 200,
      headers: json,
      body: { ok: true, sub: "U0R7JM", "https://slack.com/team_id": "T0R7GR", name: "Jane Doe" },
    },
    refusal: { status: 401, headers: json, body: { ok: false, error: "invalid_auth" } },
  },
  {
    id: "spotify",
    name: "Spotify",
    env: {},
    path: "/me",
    upstream: "https://api.spotify.com/v1/me",
    sent: {},
    scheme: "Bearer",
    etags: true,
    answer: {
      status: 200,
      headers: { ...json, etag: '"MC-ZmQ0OGI0"', "cache-control": "private, max-age=0" },
      body: { id: "jane", display_name: "Jane Doe", type: "user", uri: "spotify:user:jane" },
    },
    refusal: {
      status: 401,
      headers: json,
      body: { error: { status: 401, message: "The access token expired" } },
    },
  },
  {
    id: "twitch",
    name: "Twitch",
    env: {},
    path: "/users",
    upstream: "https://api.twitch.tv/helix/users",
    // Helix refuses a call without the app's client id beside the user's token.
    sent: { "client-id": "twitch-client-id" },
    scheme: "Bearer",
    etags: false,
    answer: {
      status: 200,
      headers: { ...json, "ratelimit-limit": "800", "ratelimit-remaining": "799" },
      body: { data: [{ id: "141981764", login: "jane", display_name: "Jane", type: "" }] },
    },
    refusal: {
      status: 401,
      headers: json,
      body: { error: "Unauthorized", status: 401, message: "Invalid OAuth token" },
    },
  },
  {
    id: "yandex",
    name: "Yandex",
    env: {},
    path: "/info?format=json",
    upstream: "https://login.yandex.ru/info",
    sent: {},
    // Yandex ID takes the token as `OAuth <token>`, not as a bearer token.
    scheme: "OAuth",
    etags: false,
    answer: {
      status: 200,
      headers: json,
      body: { id: "1000034426", login: "jane", client_id: "yandex-client-id", psuid: "1.AAceCw" },
    },
    refusal: { status: 401, headers: { "content-type": "text/plain" }, body: "invalid token" },
  },
  {
    id: "linkedin",
    name: "LinkedIn",
    env: {},
    path: "/v2/userinfo",
    upstream: "https://api.linkedin.com/v2/userinfo",
    sent: {},
    clientSends: { "linkedin-version": "202405" },
    scheme: "Bearer",
    etags: false,
    answer: {
      status: 200,
      headers: { ...json, "x-li-uuid": "AAYc0D4y7Q1b" },
      body: { sub: "782bbtaQ", name: "Jane Doe", email: "jane@example.com", email_verified: true },
    },
    refusal: {
      status: 401,
      headers: json,
      body: { serviceErrorCode: 65600, message: "Invalid access token", status: 401 },
    },
  },
  {
    id: "facebook",
    name: "Facebook Graph",
    env: {},
    path: "/me?fields=id,name",
    upstream: "https://graph.facebook.com/:version/me",
    sent: {},
    scheme: "Bearer",
    etags: false,
    answer: {
      status: 200,
      headers: { ...json, "x-app-usage": '{"call_count":1,"total_cputime":0,"total_time":0}' },
      body: { id: "10158736162012345", name: "Jane Doe" },
    },
    refusal: {
      status: 401,
      headers: json,
      body: {
        error: { message: "Error validating access token", type: "OAuthException", code: 190 },
      },
    },
  },
  {
    id: "twitter",
    name: "X",
    env: {},
    path: "/users/me",
    upstream: "https://api.twitter.com/2/users/me",
    sent: {},
    scheme: "Bearer",
    etags: false,
    answer: {
      status: 200,
      headers: { ...json, "x-rate-limit-limit": "75", "x-rate-limit-remaining": "74" },
      body: { data: { id: "2244994945", name: "Jane Doe", username: "jane" } },
    },
    refusal: {
      status: 401,
      headers: json,
      body: { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" },
    },
  },
];

/** A gateway signing in with this row's provider alone, and a browser with a session of it. */
async function withSession(row: Row) {
  const upper = row.id.toUpperCase();
  const gateway = await startGateway({
    [`${upper}_CLIENT_ID`]: `${row.id}-client-id`,
    [`${upper}_CLIENT_SECRET`]: `${row.id}-client-secret`,
    ...row.env,
  });
  const token = `${row.id}-access-token-never-shown-to-the-browser`;
  const browser = await browserWithSession(gateway, row.id, token);
  return { gateway, browser, token };
}

/** OpenID Connect discovery, as each of those providers publishes it, for any issuer. */
function discovery() {
  return http.get(`https://*${WELL_KNOWN}`, ({ request }) => {
    const issuer = request.url.slice(0, -WELL_KNOWN.length);
    return HttpResponse.json({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      userinfo_endpoint: `${issuer}/userinfo`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ["code"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
    });
  });
}

function reply({ status, headers, body }: Recorded): Response {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return new Response(text, { status, headers });
}

/** Installs the API's answers and records every request it receives. */
function api(row: Row, answer: (request: Request, call: number) => Response) {
  const seen: Request[] = [];
  network.use(
    discovery(),
    http.get(row.upstream, ({ request }) => {
      seen.push(request.clone());
      return answer(request, seen.length);
    }),
  );
  return seen;
}

describe.each(ROWS)("/api/$id/* for $name", (row) => {
  it("when the signed-in person GETs their profile, then the API's answer is relayed with its headers, the token nowhere in it", async () => {
    const seen = api(row, () => reply(row.answer));
    const { browser, token } = await withSession(row);
    const response = await browser.get(`/api/${row.id}${row.path}`, {
      ...CSRF,
      accept: "application/json",
      ...row.clientSends,
    });
    const text = await response.text();
    expect(response.status).toBe(row.answer.status);
    expect(JSON.parse(text)).toEqual(row.answer.body);
    for (const [name, value] of Object.entries(row.answer.headers)) {
      expect(response.headers.get(name), name).toBe(value);
    }
    expect(text).not.toContain(token);
    expect([...response.headers.values()].join("\n")).not.toContain(token);
    expect(response.headers.get("set-cookie") ?? "").not.toContain(token);
    expect(seen).toHaveLength(1);
  });

  it("when the call goes upstream, then the API sees exactly the token as it takes it, its own headers and the allowed ones", async () => {
    const seen = api(row, () => reply(row.answer));
    const { browser, token } = await withSession(row);
    await browser.get(`/api/${row.id}${row.path}`, {
      ...CSRF,
      accept: "application/json",
      "accept-encoding": "gzip",
      "x-unknown": "1",
      ...row.clientSends,
    });
    const headers = Object.fromEntries(
      [...(seen[0]?.headers ?? [])].filter(([name]) => !TRANSPORT.has(name)),
    );
    expect(headers).toEqual({
      authorization: `${row.scheme} ${token}`,
      "user-agent": "latchkey-gateway",
      accept: "application/json",
      "accept-encoding": "gzip",
      ...row.sent,
      ...row.clientSends,
    });
  });

  it("when the API answers 401, then the browser gets it and the session is over", async () => {
    api(row, () => reply(row.refusal));
    const { browser } = await withSession(row);
    const response = await browser.get(`/api/${row.id}${row.path}`, CSRF);
    expect(response.status).toBe(401);
    expect(browser.sessionCookie()).toBeUndefined();
    expect((await browser.get("/api/me")).status).toBe(401);
  });

  it(`when the same GET comes again, then ${row.etags ? "it is revalidated with the ETag and a 304 is answered from the cache" : "it goes upstream unconditionally: this API has no ETags"}`, async () => {
    const etagged: Recorded = {
      ...row.answer,
      headers: { ...row.answer.headers, etag: row.answer.headers.etag ?? '"v1"' },
    };
    const seen = api(row, (request, call) =>
      call > 1 && request.headers.get("if-none-match") === etagged.headers.etag
        ? new Response(null, { status: 304, headers: { etag: etagged.headers.etag ?? "" } })
        : reply(etagged),
    );
    const { browser } = await withSession(row);
    await browser.get(`/api/${row.id}${row.path}`, CSRF);
    const second = await browser.get(`/api/${row.id}${row.path}`, CSRF);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual(row.answer.body);
    expect(seen[1]?.headers.get("if-none-match") ?? null).toBe(
      row.etags ? (etagged.headers.etag ?? "") : null,
    );
  });
});
