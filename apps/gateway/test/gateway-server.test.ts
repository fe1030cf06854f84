import type { RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createGatewayServer } from "../src/http/server.js";
import { rawExchange } from "./support/raw-http.js";

const servers: ReturnType<typeof createGatewayServer>[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

type Options = Parameters<typeof createGatewayServer>[1];

/** Answers 200 once the whole request has arrived; Node's own checks decide everything else. */
const whenRead: RequestListener = (req, res) => {
  req.resume();
  req.on("end", () => res.end("ok"));
};

async function listening(options: Options = {}, app: RequestListener = whenRead) {
  const server = createGatewayServer(app, options);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

describe("gateway server", () => {
  it("when a client sends half its headers and then waits past the headers timeout, then it is a 408 JSON request_timeout", async () => {
    const port = await listening({ headersTimeout: 300, connectionsCheckingInterval: 50 });
    const started = Date.now();
    const answer = await rawExchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nUser-Ag");
    expect(answer.head).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer.head).toMatch(/\r\nContent-Type: application\/json/i);
    // Refused before the app: still not to be sniffed or cached.
    expect(answer.head).toMatch(/\r\nX-Content-Type-Options: nosniff\r\n/i);
    expect(answer.head).toMatch(/\r\nCache-Control: no-store\r\n/i);
    expect(JSON.parse(answer.body)).toEqual({
      error: "request_timeout",
      message: "The request took too long to arrive.",
    });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("when a request body stops arriving past the request timeout, then it is a 408 too, never a 400", async () => {
    const port = await listening({
      headersTimeout: 200,
      requestTimeout: 200,
      connectionsCheckingInterval: 50,
    });
    const answer = await rawExchange(
      port,
      "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12",
    );
    expect(answer.head).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(answer.body)).toMatchObject({ error: "request_timeout" });
  });

  it("when the answer has begun and the request then times out, then the connection closes with no second status line", async () => {
    const port = await listening(
      { headersTimeout: 200, requestTimeout: 200, connectionsCheckingInterval: 50 },
      (req, res) => {
        res.writeHead(200, { "content-type": "text/plain" });
        res.write("partial");
        req.resume();
        req.on("end", () => res.end());
      },
    );
    const answer = await rawExchange(
      port,
      "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12",
    );
    expect(answer.head).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer.body).not.toContain("HTTP/1.1");
    expect(answer.body).not.toContain("request_timeout");
  });

  it("when no options are given, then Node's request timeouts stay on", async () => {
    const server = createGatewayServer((_req, res) => res.end());
    servers.push(server);
    expect(server.headersTimeout).toBeGreaterThan(0);
    expect(server.requestTimeout).toBeGreaterThan(0);
  });
});
