import type { ServerResponse } from "node:http";

/**
 * Answers JSON that must not be cached, straight on Node's response: Express's `res.json`
 * (charset negotiation, an ETag check, a freshness check) cost about a tenth of `/api/me`'s
 * throughput, for nothing these answers use. Node adds the Content-Length.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("cache-control", "no-store");
  res.end(JSON.stringify(body));
}
