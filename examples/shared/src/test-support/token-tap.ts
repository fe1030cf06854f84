import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A pass-through proxy in front of the mock GitHub that notes every access token the token
 * endpoint hands out. The example keeps its token server-side, so this is how a test learns
 * it: to prove it never reaches the browser, and that it is dead at GitHub after logout.
 */
export interface TokenTap {
  /** Give this to the example as GITHUB_URL. */
  url: string;
  tokens: string[];
  close(): Promise<void>;
}

// Connection-level headers belong to each hop; fetch has already decoded the body.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "host",
]);

export async function startTokenTap(target: string): Promise<TokenTap> {
  const tokens: string[] = [];
  const server = createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (!HOP_BY_HOP.has(name) && typeof value === "string") headers.set(name, value);
      }
      const method = req.method ?? "GET";
      const upstream = await fetch(`${target}${req.url ?? "/"}`, {
        method,
        headers,
        ...(method !== "GET" && method !== "HEAD" && { body: Buffer.concat(chunks) }),
        redirect: "manual",
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      if (req.url?.startsWith("/login/oauth/access_token")) {
        const token = accessTokenIn(body.toString());
        if (token) tokens.push(token);
      }
      const out: Record<string, string> = {};
      for (const [name, value] of upstream.headers) if (!HOP_BY_HOP.has(name)) out[name] = value;
      res.writeHead(upstream.status, out).end(body);
    } catch (error) {
      res.writeHead(502).end(String(error));
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tokens,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** oauth-core asks for JSON; an error answer (GitHub's come with HTTP 200) has no token. */
function accessTokenIn(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { access_token?: unknown };
    return typeof parsed.access_token === "string" ? parsed.access_token : undefined;
  } catch {
    return undefined;
  }
}
