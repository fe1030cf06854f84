import { describe, expect, it } from "vitest";
import { FAULT_TARGETS, type Fault } from "../src/index.js";
import { targetRequests } from "./fault-targets.js";
import { API, api, authorizeUrl, BASE, REDIRECT_URI, useMockGitHub } from "./helpers.js";

const { mock } = useMockGitHub();
const targets = targetRequests(mock);

/**
 * Under msw the mock's answers reach the caller through Node's own HTTP/1 client. A body
 * without a length is delimited by the end of the connection, and Node's client (undici 7)
 * crashes the process when that end arrives while the reader has not drained the body yet.
 * So every body the mock sends says how long it is, as GitHub's do.
 */
async function expectFramed(response: Response): Promise<void> {
  const body = new Uint8Array(await response.arrayBuffer());
  expect(body.byteLength).toBeGreaterThan(0);
  expect(response.headers.get("content-length")).toBe(String(body.byteLength));
}

describe("the length of every body the mock sends", () => {
  it("when the REST API answers, then Content-Length is the size of the JSON", async () => {
    await expectFramed(await api("/user", mock.issueToken("octocat")));
    await expectFramed(await api("/user/repos", mock.issueToken("octocat")));
    await expectFramed(await api("/user"));
    await expectFramed(await fetch(`${API}/no/such/route`));
  });

  it("when a page or an avatar answers, then Content-Length is the size of the document", async () => {
    await expectFramed(
      await fetch(
        authorizeUrl({ client_id: "mock-client-id", redirect_uri: REDIRECT_URI, state: "s" }),
      ),
    );
    await expectFramed(await fetch(`${BASE}/avatars/u/583231`));
    await expectFramed(await fetch(`${BASE}/avatars/u/1`));
    await expectFramed(await fetch(`${BASE}/no/such/page`));
  });

  it("when the token endpoint answers in each format, then Content-Length is the size of the body", async () => {
    for (const accept of ["application/json", "application/xml", "*/*"]) {
      const response = await fetch(`${BASE}/login/oauth/access_token`, {
        method: "POST",
        headers: { accept },
        body: new URLSearchParams({ client_id: "mock-client-id", code: "unknown" }),
      });
      await expectFramed(response);
    }
  });

  it.each<Fault>([
    { kind: "status", status: 502 },
    { kind: "html" },
    { kind: "bad-json" },
    { kind: "missing-fields" },
  ])(
    "when a fault ($kind) answers instead, then Content-Length is the size of its body",
    async (fault) => {
      for (const target of FAULT_TARGETS) {
        if (fault.kind === "missing-fields" && !["token", "user", "api"].includes(target)) continue;
        const send = await targets[target].prepare();
        mock.faults.set(target, fault);
        await expectFramed(await send());
        mock.faults.clear();
      }
    },
  );
});
