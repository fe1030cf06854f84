import { HttpResponse, http, type RequestHandler } from "msw";
import type { Me, Provider, SessionSummary } from "../api";
import {
  defaultProviders,
  type MockDriveFile,
  type MockRepo,
  octocat,
  seedDriveFiles,
  seedRepos,
  seedSessions,
  sessionFor,
} from "./data";

// The gateway's SPA-facing API (docs/contracts.md, "Gateway ⇄ SPA") as msw handlers. Paths
// are relative, so they match the page's origin: jsdom's http://localhost:3000 in tests.

export interface GatewayState {
  session: Me | null;
  providers: readonly Provider[];
  repos: MockRepo[];
  /** Drive's files; null means the signed-in user's seeded ones. */
  driveFiles: MockDriveFile[] | null;
  /** The signed-in user's sessions, newest first; the `current` one is this browser's. */
  sessions: SessionSummary[];
  /** Where sign-out sends the browser to end the provider's session too; null: here only. */
  endSessionUrl: string | null;
  /** Every request the mock answered, to assert on method, path and headers. */
  requests: Request[];
}

export interface GatewayMock {
  readonly state: GatewayState;
  readonly handlers: RequestHandler[];
  signIn(session?: Me): void;
  signOut(): void;
  reset(): void;
}

function initialState(): GatewayState {
  return {
    session: null,
    providers: defaultProviders,
    repos: seedRepos("octocat", 35),
    driveFiles: null,
    sessions: seedSessions(),
    endSessionUrl: null,
    requests: [],
  };
}

function errorBody(status: number, error: string, message: string) {
  return HttpResponse.json({ error, message }, { status });
}

const unauthenticated = () => errorBody(401, "unauthenticated", "Sign in first.");
const csrfMissing = () => errorBody(403, "csrf_required", "The X-CSRF header is required.");

/** Why the gateway would not call `name`'s API for this request, or null if it would. */
function refusal(request: Request, session: Me | null, name: string): Response | null {
  if (request.headers.get("X-CSRF") !== "1") return csrfMissing();
  if (!session) return unauthenticated();
  if (!session.apis.some((api) => api.kind === "provider" && api.name === name)) {
    return errorBody(403, "wrong_provider", `This session cannot call the ${name} API.`);
  }
  return null;
}

export function createGatewayMock(): GatewayMock {
  const state = initialState();
  const seen = (request: Request) => state.requests.push(request.clone());

  const handlers = [
    http.get("/api/me", ({ request }) => {
      seen(request);
      return state.session ? HttpResponse.json(state.session) : unauthenticated();
    }),
    http.get("/auth/providers", ({ request }) => {
      seen(request);
      return HttpResponse.json({ providers: state.providers });
    }),
    http.post("/auth/logout", ({ request }) => {
      seen(request);
      if (request.headers.get("X-CSRF") !== "1") return csrfMissing();
      state.session = null;
      return state.endSessionUrl === null
        ? new HttpResponse(null, { status: 204 })
        : HttpResponse.json({ endSessionUrl: state.endSessionUrl });
    }),
    http.get("/api/sessions", ({ request }) => {
      seen(request);
      return state.session ? HttpResponse.json({ sessions: state.sessions }) : unauthenticated();
    }),
    http.delete("/api/sessions/:id", ({ request, params }) => {
      seen(request);
      if (request.headers.get("X-CSRF") !== "1") return csrfMissing();
      if (!state.session) return unauthenticated();
      const ended = state.sessions.find((session) => session.id === params.id);
      if (!ended) return errorBody(404, "session_not_found", "That session has ended already.");
      state.sessions = state.sessions.filter((session) => session !== ended);
      if (ended.current) state.session = null;
      return new HttpResponse(null, { status: 204 });
    }),
    http.delete("/api/sessions", ({ request }) => {
      seen(request);
      if (request.headers.get("X-CSRF") !== "1") return csrfMissing();
      if (!state.session) return unauthenticated();
      state.sessions = [];
      state.session = null;
      return new HttpResponse(null, { status: 204 });
    }),
    http.get("/api/github/user/repos", ({ request }) => {
      seen(request);
      return (
        refusal(request, state.session, "github") ?? repoPage(new URL(request.url), state.repos)
      );
    }),
    http.get("/api/google/drive/v3/files", ({ request }) => {
      seen(request);
      const refused = refusal(request, state.session, "google");
      if (refused) return refused;
      const files = state.driveFiles ?? (state.session ? seedDriveFiles(state.session.user) : []);
      return HttpResponse.json({ kind: "drive#fileList", incompleteSearch: false, files });
    }),
  ];

  return {
    state,
    handlers,
    signIn: (session = sessionFor(octocat)) => {
      state.session = session;
    },
    signOut: () => {
      state.session = null;
    },
    reset: () => Object.assign(state, initialState()),
  };
}

/** One page of repositories with GitHub's Link and rate-limit headers. */
function repoPage(url: URL, repos: MockRepo[]): HttpResponse<MockRepo[]> {
  const perPage = Number(url.searchParams.get("per_page") ?? "30");
  const page = Number(url.searchParams.get("page") ?? "1");
  const last = Math.max(1, Math.ceil(repos.length / perPage));
  const pageUrl = (n: number) => {
    const target = new URL(url);
    target.searchParams.set("page", String(n));
    return target.href;
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${pageUrl(Math.min(page - 1, last))}>; rel="prev"`);
  if (page < last)
    links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(last)}>; rel="last"`);
  if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`);

  const headers = new Headers({
    "x-ratelimit-limit": "5000",
    "x-ratelimit-remaining": "4999",
    "x-ratelimit-used": "1",
    "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
    "x-ratelimit-resource": "core",
  });
  if (links.length > 0) headers.set("Link", links.join(", "));
  return HttpResponse.json(repos.slice((page - 1) * perPage, page * perPage), { headers });
}
