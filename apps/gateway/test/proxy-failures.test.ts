import type { ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { useMockGitHub } from "./support/network.js";
import { type Answer, answerOk, type Received, send, signedIn } from "./support/upstream.js";

// OAuth pages and the token exchange stay on the mock GitHub; the API is a stand-in server.
useMockGitHub();

/** Longer than any answer below should take: past it, the client is still waiting. */
const PATIENCE_MS = 4_000;

/** The client's view of one proxied request, or "hung" when nothing ended it in time. */
async function timed(url: string, headers: Record<string, string>) {
  const startedAt = performance.now();
  const outcome = await Promise.race([
    send(url, { headers }),
    delay(PATIENCE_MS, "hung" as const, { ref: false }),
  ]);
  return { outcome, elapsedMs: performance.now() - startedAt };
}

/** The gateway is still itself: alive, and proxying the next request. */
async function expectServing(
  gatewayUrl: string,
  headers: Record<string, string>,
  state: { answer: Answer },
) {
  expect((await send(`${gatewayUrl}/healthz`)).status).toBe(200);
  state.answer = answerOk;
  const next = await send(`${gatewayUrl}/api/github/user/repos`, { headers });
  expect(next.status).toBe(200);
  expect(next.body).toBe('{"ok":true}');
}

/** A cut answer: the status and headers came, the body did not all come. */
function expectCut(outcome: Received | "hung") {
  expect(outcome).not.toBe("hung");
  const received = outcome as Received;
  expect(received.status).toBe(200);
  expect(received.complete).toBe(false);
}

const never: Answer = () => {};
const hangUp: Answer = (req) => req.socket.destroy();

describe("/api/github/* when GitHub fails before answering (D1)", () => {
  it.each([
    ["does not answer in time", { PROXY_TIMEOUT_MS: "300" }, {}, never, 504, "upstream_timeout"],
    [
      // The timeout is told from a refusal by a proxy hook, which must fire for this shape too.
      "does not answer a request that came with Expect: 100-continue in time",
      { PROXY_TIMEOUT_MS: "300" },
      { expect: "100-continue" },
      never,
      504,
      "upstream_timeout",
    ],
    ["drops the connection before answering", {}, {}, hangUp, 502, "upstream_unavailable"],
  ] as const)(
    "when GitHub %s, then the client gets the JSON error and the next request is served",
    async (_what, env, extra, answer, status, error) => {
      const { gateway, upstream, clientHeaders } = await signedIn(env);
      upstream.state.answer = answer;
      const failed = await send(`${gateway.url}/api/github/user/repos`, {
        headers: { ...clientHeaders, ...extra },
      });
      expect(failed.status).toBe(status);
      expect(JSON.parse(failed.body)).toMatchObject({ error });
      await expectServing(gateway.url, clientHeaders, upstream.state);
    },
  );

  it("when GitHub cannot be reached at all, then the client gets a 502 JSON error and the gateway stays up", async () => {
    const { gateway, upstream, clientHeaders } = await signedIn();
    await upstream.close();
    const refused = await send(`${gateway.url}/api/github/user/repos`, { headers: clientHeaders });
    expect(refused.status).toBe(502);
    expect(refused.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(refused.body)).toMatchObject({ error: "upstream_unavailable" });
    expect((await send(`${gateway.url}/healthz`)).status).toBe(200);
  });
});

/** Headers and part of a 100000-byte body; `then` decides what becomes of the rest. */
function partOfTheBody(then: (res: ServerResponse) => void): Answer {
  return (_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "100000" });
    res.write(`[${'"x",'.repeat(2_000)}`);
    then(res);
  };
}

/** A chunk announced as 0x400 bytes of which 20 ever come, written by hand, then the socket closed. */
const diesInAChunk: Answer = (_req, res) => {
  const socket = res.socket;
  socket?.write(
    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n" +
      `400\r\n{"partial":"${"y".repeat(7)}`,
  );
  setTimeout(() => socket?.destroy(), 50);
};

describe("/api/github/* when GitHub's answer breaks off midway (D1)", () => {
  it.each([
    [
      "sends its headers and part of a 100000-byte body, then closes the connection",
      {},
      partOfTheBody((res) => setTimeout(() => res.socket?.destroy(), 50)),
      0,
    ],
    [
      "sends its headers and part of the body, then stalls past PROXY_TIMEOUT_MS",
      { PROXY_TIMEOUT_MS: "300" },
      // Never finishes: the stand-in closes with the test.
      partOfTheBody(() => {}),
      250,
    ],
    ["dies in the middle of a chunk of a chunked answer", {}, diesInAChunk, 0],
  ] as const)(
    "when GitHub %s, then the client's answer ends within a bound, cut, and the gateway serves the next request",
    async (_what, env, answer, atLeastMs) => {
      const { gateway, upstream, clientHeaders } = await signedIn(env);
      upstream.state.answer = answer;
      const { outcome, elapsedMs } = await timed(
        `${gateway.url}/api/github/user/repos`,
        clientHeaders,
      );
      expectCut(outcome);
      expect(elapsedMs).toBeGreaterThanOrEqual(atLeastMs);
      expect(elapsedMs).toBeLessThan(1_500);
      await expectServing(gateway.url, clientHeaders, upstream.state);
    },
  );
});
