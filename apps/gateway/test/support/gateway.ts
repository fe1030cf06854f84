import type { RequestListener, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { afterEach } from "vitest";
import { type AppDeps, createApp } from "../../src/app.js";
import { type Config, loadConfig } from "../../src/config.js";
import { createGatewayServer } from "../../src/http/server.js";
import { githubBase } from "./network.js";

export const TEST_SECRET = "test-secret-that-is-at-least-32-characters-long";

export interface TestGateway {
  url: string;
  config: Config;
  close(): Promise<void>;
}

const running: TestGateway[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((gateway) => gateway.close()));
});

/**
 * A gateway on a real loopback port, wired to the mock GitHub. Its public URL is its own
 * address, so callback URLs point back at it.
 */
export async function startGateway(
  env: Record<string, string> = {},
  deps: AppDeps = {},
): Promise<TestGateway> {
  // The app needs the server's port (its public URL), so the server starts first and the
  // app is plugged in once it exists.
  let app: RequestListener = (_req, res) => res.writeHead(503).end();
  const server: Server = createGatewayServer((req, res) => app(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    NODE_ENV: "test",
    SESSION_SECRET: TEST_SECRET,
    GITHUB_URL: githubBase(),
    PUBLIC_URL: url,
    LOG_LEVEL: "silent",
    ...env,
  });
  app = createApp(config, { logger: pino({ level: "silent" }), ...deps });
  const gateway: TestGateway = {
    url,
    config,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  running.push(gateway);
  return gateway;
}
