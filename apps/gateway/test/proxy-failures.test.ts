import type { ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { GatewayMetrics } from "../src/observability/metrics.js";
import { jsonLogger } from "./support/logs.js";
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

/**
 * GitHub's answer written by hand, status line included, on a connection GitHub leaves open
 * (`closed` turns true once the gateway drops it), or closes once written when `thenClose`.
 */
function rawAnswer(bytes: string, thenClose = false) {
  const upstreamSocket = { closed: false };
  const answer: Answer = (req) => {
    req.socket.once("close", () => {
      upstreamSocket.closed = true;
    });
    if (thenClose) req.socket.end(bytes, "latin1");
    else req.socket.write(bytes, "latin1");
  };
  return { answer, upstreamSocket };
}

const JSON_BODY = 'content-type: application/json\r\ncontent-length: 11\r\n\r\n{"ok":true}';

/** One counter sample from /metrics, by its exact series. */
async function upstreamCount(gatewayUrl: string, status: string): Promise<number | undefined> {
  const text = (
    await send(`${gatewayUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS}` } })
  ).body;
  const series = `latchkey_proxy_upstream_responses_total{api="github",status="${status}"} `;
  const line = text.split("\n").find((l) => l.startsWith(series));
  return line === undefined ? undefined : Number(line.slice(series.length));
}

const METRICS = "metrics-token-0123456789";

describe("/api/github/* when GitHub's status line is no final answer (issue 12)", () => {
  it.each([
    ["099, below any status", `HTTP/1.1 099 Odd\r\n${JSON_BODY}`],
    ["000", `HTTP/1.1 000 X\r\n${JSON_BODY}`],
    ["1000, four digits", `HTTP/1.1 1000 Big\r\n${JSON_BODY}`],
    ["600, past the last class", `HTTP/1.1 600 Six\r\n${JSON_BODY}`],
    ["999", `HTTP/1.1 999 Nine\r\n${JSON_BODY}`],
    [
      "101 Switching Protocols to a request that asked for no upgrade",
      "HTTP/1.1 101 Switching Protocols\r\nconnection: upgrade\r\nupgrade: websocket\r\n\r\n",
    ],
    ["101 with no Upgrade header at all", "HTTP/1.1 101 Switching Protocols\r\n\r\n"],
  ])(
    "when GitHub answers %s, then the client promptly gets a 502 JSON error, GitHub's connection is dropped, it is counted as an upstream error and the next request is served",
    async (_what, bytes) => {
      const { gateway, upstream, clientHeaders } = await signedIn({ METRICS_TOKEN: METRICS });
      const { answer, upstreamSocket } = rawAnswer(bytes);
      upstream.state.answer = answer;
      const { outcome, elapsedMs } = await timed(
        `${gateway.url}/api/github/user/repos`,
        clientHeaders,
      );
      expect(outcome).not.toBe("hung");
      const received = outcome as Received;
      expect(received.status).toBe(502);
      expect(received.headers["content-type"]).toMatch(/^application\/json/);
      expect(JSON.parse(received.body)).toEqual({
        error: "upstream_unavailable",
        message: expect.any(String),
      });
      expect(elapsedMs).toBeLessThan(1_500);
      await expect.poll(() => upstreamSocket.closed, { timeout: 1_000 }).toBe(true);
      expect(await upstreamCount(gateway.url, "error")).toBe(1);
      await expectServing(gateway.url, clientHeaders, upstream.state);
    },
  );

  it.each([
    ["100 Continue", "HTTP/1.1 100 Continue\r\n\r\n"],
    ["103 Early Hints", "HTTP/1.1 103 Early Hints\r\nlink: </style.css>; rel=preload\r\n\r\n"],
    ["two interim answers", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\n\r\n"],
  ])(
    "when GitHub sends %s before its final answer, then the client gets the final answer whole",
    async (_what, interim) => {
      const { gateway, upstream, clientHeaders } = await signedIn();
      // Closed once written: the stand-in's own HTTP server would never read the next request.
      upstream.state.answer = rawAnswer(`${interim}HTTP/1.1 200 OK\r\n${JSON_BODY}`, true).answer;
      const { outcome } = await timed(`${gateway.url}/api/github/user/repos`, clientHeaders);
      expect(outcome).not.toBe("hung");
      expect(outcome).toMatchObject({ status: 200, body: '{"ok":true}', complete: true });
      await expectServing(gateway.url, clientHeaders, upstream.state);
    },
  );
});

/** Metrics whose upstream counter throws the first `times` times it is called. */
class BrokenCounter extends GatewayMetrics {
  constructor(private times: number) {
    super();
  }
  override upstream(api: string, status: number | "error" | "timeout"): void {
    if (this.times > 0) {
      this.times -= 1;
      throw new Error("the counter broke");
    }
    super.upstream(api, status);
  }
}

describe("/api/github/* when the gateway's own work on GitHub's answer throws (issue 12)", () => {
  it.each([
    ["GitHub's answer arrives", answerOk],
    ["GitHub drops the connection before answering", hangUp],
  ])(
    "when counting fails as %s, then the client gets a 502 JSON error, one error line is logged, and the next request is served",
    async (_when, answer) => {
      const { logger, lines } = jsonLogger("info");
      const { gateway, upstream, clientHeaders } = await signedIn(
        {},
        { logger, metrics: new BrokenCounter(1) },
      );
      upstream.state.answer = answer;
      const { outcome } = await timed(`${gateway.url}/api/github/user/repos`, clientHeaders);
      expect(outcome).not.toBe("hung");
      const received = outcome as Received;
      expect(received.status).toBe(502);
      expect(JSON.parse(received.body)).toEqual({
        error: "upstream_unavailable",
        message: expect.any(String),
      });
      // The access log's own line for the 502 aside, the fault is told once.
      const faults = lines.filter((line) => Number(line.level) >= 50 && line.err !== undefined);
      expect(faults).toHaveLength(1);
      expect(faults[0]?.err).toMatchObject({ message: "the counter broke" });
      await expectServing(gateway.url, clientHeaders, upstream.state);
    },
  );
});
