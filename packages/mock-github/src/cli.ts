#!/usr/bin/env node
import { loadDotEnv } from "./dot-env.js";
import { parseFaultList } from "./faults/parse.js";
import type { ActiveFault } from "./faults/types.js";
import { startMockGitHubServer } from "./http-server.js";
import { MOCK_OIDC_CLIENT_ID } from "./oidc/seed.js";
import { MOCK_CLIENT_ID } from "./seed.js";

// The only reader of process.env in this package. The repository's .env comes first, so
// the mock listens where the gateway and Vite, reading the same file, expect it.
const dotEnv = loadDotEnv(process.env, process.cwd());
const rawPort = process.env.MOCK_GITHUB_PORT ?? "4000";
const port = Number(rawPort);
// Bind the loopback address: a mock that hands out tokens to anyone must not face the network.
const host = process.env.MOCK_GITHUB_HOST ?? "127.0.0.1";

if (!/^\d+$/.test(rawPort) || port > 65535) {
  console.error(`MOCK_GITHUB_PORT must be a port number (0-65535), got ${JSON.stringify(rawPort)}`);
  process.exit(1);
}

let faults: ActiveFault[] = [];
try {
  faults = parseFaultList(process.env.MOCK_GITHUB_FAULTS ?? "");
} catch (error) {
  console.error(`MOCK_GITHUB_FAULTS: ${(error as Error).message}`);
  process.exit(1);
}

try {
  const server = await startMockGitHubServer({
    port,
    host,
    // Browsers and the gateway are told "localhost", the name in every dev URL.
    baseUrl: process.env.MOCK_GITHUB_URL ?? `http://localhost:${port}`,
  });
  for (const { target, fault } of faults) server.mock.faults.set(target, fault);
  if (dotEnv) console.log(`Settings from ${dotEnv}`);
  console.log(`Mock GitHub on ${server.url} (client id ${MOCK_CLIENT_ID})`);
  console.log(
    `OpenID Connect ("Google") issuer ${server.mock.oidcIssuer} (client id ${MOCK_OIDC_CLIENT_ID})`,
  );
  if (faults.length > 0) {
    console.log(
      `Faults on: ${faults.map(({ target, fault }) => `${target} ${fault.kind}`).join(", ")}`,
    );
  }
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === "EADDRINUSE"
      ? `Mock GitHub: port ${port} is already in use (set MOCK_GITHUB_PORT to another one)`
      : `Mock GitHub failed to start: ${(error as Error).message}`,
  );
  process.exit(1);
}
