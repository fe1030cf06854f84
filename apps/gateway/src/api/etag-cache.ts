import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { LruMap } from "../collections/lru-map.js";
import type { SessionData } from "../session/session.js";

export interface EtagCacheOptions {
  maxEntries: number;
  /** Bodies, headers and keys together. */
  maxBytes: number;
}

/** An answer heavier than this is streamed through and never kept. */
export const MAX_CACHED_ANSWER_BYTES = 1024 * 1024;

const CLIENT_CONDITIONS = ["if-none-match", "if-modified-since"] as const;

interface CachedAnswer {
  etag: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  bytes: number;
}

// About the connection, not the answer: never stored, never copied from a 304.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "trailer", "upgrade"]);
// They describe the stored body, so a 304's own (empty) ones must not replace them.
const REPRESENTATION = new Set(["content-length", "content-type", "content-encoding"]);

/**
 * Per-user ETag revalidation for proxied GETs of an API that has ETags: GitHub does not charge
 * a 304 against the rate limit, so a repeated GET goes upstream with the last ETag this user
 * got for that URL, and a 304 is answered with the body kept from the 200 (plus the 304's
 * fresh headers: rate limit, date). Every answer is still the API's decision for this user's
 * token, made on this request;
 * entries are keyed by provider and user id, so nobody is ever served another user's body.
 * A client's own `If-None-Match` (or `If-Modified-Since`) is left alone, and so is its 304.
 */
export class ProxyEtagCache {
  private readonly answers: LruMap<CachedAnswer>;
  private readonly maxAnswerBytes: number;
  private readonly pending = new WeakMap<IncomingMessage, { key: string; sent?: CachedAnswer }>();
  /** Upstream 304s answered from the cache. */
  hits = 0;

  /**
   * `varyOn`: the API's own request headers (`ApiTarget.requestHeaders`), which may change
   * its answer to the same URL, as GitHub's `x-github-api-version` does.
   */
  constructor(
    options: EtagCacheOptions,
    private readonly varyOn: readonly string[] = [],
  ) {
    this.answers = new LruMap({
      maxEntries: options.maxEntries,
      maxBytes: options.maxBytes,
      sizeOf: (answer) => answer.bytes,
    });
    this.maxAnswerBytes = Math.min(MAX_CACHED_ANSWER_BYTES, options.maxBytes);
  }

  get size(): number {
    return this.answers.size;
  }

  /**
   * Before the request goes upstream (its headers are the ones sent): makes a cacheable GET
   * conditional when this user has the answer.
   */
  request(req: IncomingMessage, session: SessionData, url: string): void {
    // A client's own conditions are its business: it gets the API's answer to them.
    if (req.method !== "GET" || CLIENT_CONDITIONS.some((name) => req.headers[name] !== undefined)) {
      return;
    }
    // The request headers the API varies on besides the token, which the user id stands for.
    const key = [
      session.provider,
      session.user.id,
      url,
      req.headers.accept,
      req.headers["accept-encoding"],
      ...this.varyOn.map((name) => req.headers[name]),
    ].join("\n");
    const sent = this.answers.get(key);
    if (sent) req.headers["if-none-match"] = sent.etag;
    this.pending.set(req, sent ? { key, sent } : { key });
  }

  /**
   * From `proxyRes`, once its headers are cleaned: answers a 304 to our own `If-None-Match`
   * from the cache (true: the response is sent), or keeps a cacheable 200 as it streams by.
   */
  response(proxyRes: IncomingMessage, req: IncomingMessage, res: ServerResponse): boolean {
    const pending = this.pending.get(req);
    if (!pending) return false;
    this.pending.delete(req);
    if (proxyRes.statusCode === 304 && pending.sent) {
      this.hits += 1;
      this.replay(proxyRes, res, pending.sent);
      return true;
    }
    this.answers.delete(pending.key);
    const etag = proxyRes.headers.etag;
    if (etag && this.cacheable(proxyRes)) this.keep(proxyRes, pending.key, etag);
    return false;
  }

  private cacheable(proxyRes: IncomingMessage): boolean {
    const { headers } = proxyRes;
    return (
      proxyRes.statusCode === 200 &&
      !/\bno-store\b/i.test(headers["cache-control"] ?? "") &&
      headers.vary?.trim() !== "*" &&
      Number(headers["content-length"] ?? 0) <= this.maxAnswerBytes
    );
  }

  /** Collects the body alongside the stream to the client; keeps it only if it all came. */
  private keep(proxyRes: IncomingMessage, key: string, etag: string): void {
    const chunks: Buffer[] = [];
    let length = 0;
    proxyRes.on("data", (chunk: Buffer) => {
      length += chunk.length;
      if (length <= this.maxAnswerBytes) chunks.push(chunk);
      else chunks.length = 0;
    });
    proxyRes.on("end", () => {
      if (!proxyRes.complete || length > this.maxAnswerBytes) return;
      const headers: IncomingHttpHeaders = {};
      for (const [name, value] of Object.entries(proxyRes.headers)) {
        if (!HOP_BY_HOP.has(name)) headers[name] = value;
      }
      const body = Buffer.concat(chunks);
      const bytes = body.length + key.length + JSON.stringify(headers).length;
      this.answers.set(key, { etag, headers, body, bytes });
    });
  }

  private replay(proxyRes: IncomingMessage, res: ServerResponse, answer: CachedAnswer): void {
    // Drained, so the upstream socket goes back to the pool.
    proxyRes.resume();
    const headers = { ...answer.headers };
    for (const [name, value] of Object.entries(proxyRes.headers)) {
      if (!HOP_BY_HOP.has(name) && !REPRESENTATION.has(name)) headers[name] = value;
    }
    headers["content-length"] = String(answer.body.length);
    res.writeHead(200, headers);
    res.end(answer.body);
  }
}
