import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";
import type { AppDeps } from "../../src/app.js";
import { startGateway, type TestGateway } from "./gateway.js";
import type { TestClient, TestOidcProvider } from "./oidc-provider.js";

/** The gateway's client at the test provider. */
export const CLIENT = {
  client_id: "latchkey-gateway",
  client_secret: "gateway-secret-at-the-provider",
} as const;

/**
 * A gateway configured as the README says for any OpenID Connect provider, and registered
 * there (the provider needs the gateway's address, so the client is added once both run).
 * `start` replaces how the gateway is started (one on Redis, say).
 */
export async function gatewayAt(
  op: TestOidcProvider,
  env: Record<string, string> = {},
  client: Partial<TestClient> | ((gatewayUrl: string) => Partial<TestClient>) = {},
  start: (env: Record<string, string>, deps?: AppDeps) => Promise<TestGateway> = startGateway,
): Promise<TestGateway> {
  // A client's id and secret do not depend on the gateway's address; its URIs may.
  const fixed = typeof client === "function" ? client("http://unknown.invalid") : client;
  const gateway = await start({
    OIDC_ISSUER: op.issuer,
    OIDC_CLIENT_ID: fixed.client_id ?? CLIENT.client_id,
    OIDC_CLIENT_SECRET: fixed.client_secret ?? CLIENT.client_secret,
    ...env,
  });
  await op.registerClient({
    ...CLIENT,
    redirect_uris: [`${gateway.url}/auth/oidc/callback`],
    post_logout_redirect_uris: [`${gateway.url}/`, `${gateway.url}/auth/oidc/logged-out`],
    ...(typeof client === "function" ? client(gateway.url) : client),
  });
  return gateway;
}

/** A relying party's back-channel logout endpoint that only records what it was sent. */
const receivers: (() => void)[] = [];
afterEach(() => {
  for (const close of receivers.splice(0)) close();
});
export async function startLogoutReceiver(): Promise<{ url: string; bodies: string[] }> {
  const bodies: string[] = [];
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req as AsyncIterable<Buffer>) body += chunk.toString();
    bodies.push(body);
    res.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receivers.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/backchannel`, bodies };
}

/** A JWT's payload, read without any check: what a test inspects, never what it trusts. */
export function jwtPayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString()) as Record<
    string,
    unknown
  >;
}
