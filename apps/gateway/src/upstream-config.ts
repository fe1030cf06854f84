import { providers as catalogue } from "@latchkey/oauth-core";

/** One of the team's own APIs, served at `/api/<name>/*` with the session's token attached. */
export interface UpstreamConfig {
  /** Its path segment under `/api`, and its name in metrics and logs. */
  name: string;
  /** Its base URL, without a trailing slash. */
  url: string;
}

const NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
/** Paths under `/api` the gateway answers itself, or may: an upstream there would shadow them. */
export const RESERVED_API_NAMES = ["me", "sessions", "session", "auth", "health", "metrics"];
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * `UPSTREAMS=orders=https://orders.internal/api,billing=http://127.0.0.1:9000`. Problems are
 * collected, not thrown, so the caller can report them with the rest.
 */
export function parseUpstreams(
  value: string | undefined,
  options: { production: boolean },
  problems: string[],
): UpstreamConfig[] {
  const upstreams: UpstreamConfig[] = [];
  const problem = (message: string) => problems.push(`UPSTREAMS: ${message}`);
  for (const entry of (value ?? "").split(",")) {
    const trimmed = entry.trim();
    if (trimmed === "") continue;
    const eq = trimmed.indexOf("=");
    if (eq <= 0) {
      problem(
        `"${trimmed}": each entry looks like "<name>=<url>", e.g. orders=https://orders.internal/api`,
      );
      continue;
    }
    const name = trimmed.slice(0, eq).trim();
    const url = checkUrl(name, trimmed.slice(eq + 1).trim(), options.production, problem);
    if (!NAME.test(name)) {
      problem(`"${name}": a name is lower-case letters, digits and inner hyphens (it is a path)`);
    } else if (name in catalogue) {
      problem(`"${name}": is a provider's id; its API is served at /api/${name} already`);
    } else if (RESERVED_API_NAMES.includes(name)) {
      problem(`"${name}": /api/${name} is the gateway's own; choose another name`);
    } else if (upstreams.some((upstream) => upstream.name === name)) {
      problem(`"${name}": named twice`);
    } else if (url !== undefined) {
      upstreams.push({ name, url });
    }
  }
  return upstreams;
}

function checkUrl(
  name: string,
  value: string,
  production: boolean,
  problem: (message: string) => void,
): string | undefined {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    problem(`"${name}": "${value}" is not an http(s) URL`);
    return undefined;
  }
  if (url.username || url.password || url.search || url.hash) {
    problem(`"${name}": the URL must be a base, with no credentials, query or fragment`);
    return undefined;
  }
  // The session's access token travels in every call: in clear text only within this machine.
  if (production && url.protocol === "http:" && !LOOPBACK.has(url.hostname)) {
    problem(
      `"${name}": must be https in production (it receives access tokens); plain http only on loopback: localhost, 127.0.0.1, [::1]`,
    );
    return undefined;
  }
  return url.toString().replace(/\/+$/, "");
}
