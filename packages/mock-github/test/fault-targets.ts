import {
  type FaultTarget,
  MOCK_CLIENT_ID,
  MOCK_CLIENT_SECRET,
  type MockGitHub,
} from "../src/index.js";
import { authorizeCode, authorizeUrl, BASE, exchange, REDIRECT_URI } from "./helpers.js";
import { oidcCode, oidcPost, redeem, signIn, userinfo } from "./oidc-helpers.js";

type Send = () => Promise<Response>;

/**
 * For each fault target: a request that succeeds when nothing is wrong, and the status
 * it then answers. `prepare` does what the request needs first (a code, a token), so
 * that it runs before the fault is switched on.
 */
export function targetRequests(
  mock: MockGitHub,
  base = BASE,
): Record<FaultTarget, { okStatus: number; prepare: () => Promise<Send> }> {
  const api = (path: string, init: RequestInit = {}): Send => {
    const token = mock.issueToken("octocat");
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${token}`);
    return () => fetch(`${base}/api/v3${path}`, { ...init, headers });
  };
  return {
    authorize: {
      okStatus: 200,
      prepare: async () => () =>
        fetch(authorizeUrl({ client_id: MOCK_CLIENT_ID, redirect_uri: REDIRECT_URI }, base)),
    },
    token: {
      okStatus: 200,
      prepare: async () => {
        const code = await authorizeCode({}, base);
        return () => exchange({ code, redirect_uri: REDIRECT_URI }, base);
      },
    },
    user: { okStatus: 200, prepare: async () => api("/user") },
    emails: { okStatus: 200, prepare: async () => api("/user/emails") },
    revoke: {
      okStatus: 204,
      prepare: async () => {
        const token = mock.issueToken("octocat");
        return () =>
          fetch(`${base}/api/v3/applications/${MOCK_CLIENT_ID}/token`, {
            method: "DELETE",
            headers: {
              authorization: `Basic ${btoa(`${MOCK_CLIENT_ID}:${MOCK_CLIENT_SECRET}`)}`,
              "content-type": "application/json",
            },
            body: JSON.stringify({ access_token: token }),
          });
      },
    },
    api: { okStatus: 200, prepare: async () => api("/user/repos") },
    "oidc-token": {
      okStatus: 200,
      prepare: async () => {
        const code = await oidcCode({}, base);
        return () => redeem(code, {}, { base });
      },
    },
    "oidc-userinfo": {
      okStatus: 200,
      prepare: async () => {
        const { access_token } = await signIn({}, base);
        return () => userinfo(access_token, base);
      },
    },
    "oidc-revoke": {
      okStatus: 200,
      prepare: async () => {
        const { access_token } = await signIn({}, base);
        return () => oidcPost({ token: access_token }, { path: "/revoke", base });
      },
    },
  };
}

/** Runs `send` and tells how long the answer took, in milliseconds. */
export async function timed(send: Send): Promise<{ response: Response; elapsed: number }> {
  const started = performance.now();
  const response = await send();
  return { response, elapsed: performance.now() - started };
}
