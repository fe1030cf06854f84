import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { GatewayError } from "./errors.js";
import { type ProviderConfig, parseProviders } from "./provider-config.js";
import { isGuessableSecret } from "./secret-strength.js";
import type { SessionStorage } from "./session/manager.js";
import { parseRedisConfig, type RedisConfig } from "./stores/redis-config.js";
import { parseUpstreams, type UpstreamConfig } from "./upstream-config.js";

/** The only module that reads `process.env`; everything else receives a `Config`. */

const MIN_SECRET_LENGTH = 32;
const MIN_METRICS_TOKEN_LENGTH = 16;

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  /** The origin users reach the SPA on; callback URLs and cookie security derive from it. */
  publicUrl: string;
  /** Seal secrets by id; the highest id seals, all of them open. */
  sessionSecrets: Record<string, string>;
  /** True when development made up a secret because none was configured. */
  sessionSecretIsEphemeral: boolean;
  /** A session unused this long is over (checked from the seal's own timestamps). */
  sessionIdleTimeoutSeconds: number;
  /** A session this old is over, however active. */
  sessionAbsoluteTimeoutSeconds: number;
  /**
   * Where session bodies live (`SESSION_STORAGE`): the sealed cookie when they fit and the
   * store otherwise (`auto`), only the cookie, or always the store (the cookie holds a
   * sealed reference).
   */
  sessionStorage: SessionStorage;
  transactionTtlSeconds: number;
  /** Enabled sign-in providers, in catalogue order, each with who may sign in with it. */
  providers: ProviderConfig[];
  providerTimeoutMs: number;
  proxyTimeoutMs: number;
  revokeTimeoutMs: number;
  /** A store call slower than this makes the request a 503 instead of a hang. */
  storeTimeoutMs: number;
  /**
   * Where server-side state lives: `sqlite` (a file in `dataDir`, the default, survives
   * restarts), `redis` (shared by many instances), `memory` (gone on restart; tests).
   */
  store: "memory" | "sqlite" | "redis";
  /** The embedded store's folder (`DATA_DIR`); set when `store` is `sqlite`. */
  dataDir: string | undefined;
  /** The shared stores' Redis; set when `store` is `redis`. */
  redis: RedisConfig | undefined;
  /** How long a signed-in user stays cached (never past the session). */
  userCacheTtlSeconds: number;
  /** Requests to /auth/* per client IP per window. */
  authRateLimit: { max: number; windowSeconds: number };
  /** Methods the API proxies forward (`PROXY_METHODS`); writes only when configured. */
  proxyMethods: string[];
  /** The team's own APIs, each served at `/api/<name>/*` to OpenID Connect sessions. */
  upstreams: UpstreamConfig[];
  /** Opened session seals kept in memory, so a cookie is decrypted once, not per request. */
  sealCache: { enabled: boolean; maxEntries: number };
  /** Per-user ETags and bodies of proxied GETs, revalidated with `If-None-Match`. */
  proxyEtagCache: { enabled: boolean; maxEntries: number; maxBytes: number };
  /** After SIGTERM: how long /readyz says 503 while still serving, so load balancers move away. */
  shutdownGraceMs: number;
  /** After SIGTERM: exit by then, whatever is still running. */
  shutdownTimeoutMs: number;
  logLevel: string;
  /** Human-readable logs for a terminal (development default) or one JSON object a line. */
  logFormat: "json" | "pretty";
  trustProxy: boolean | number | string;
  /** Who may read `/metrics`: bearer-token holders, or (no token) loopback clients unless public. */
  metrics: { token: string | undefined; public: boolean };
  /** The built SPA to serve, or undefined when something else (Vite in development) serves it. */
  webDistDir: string | undefined;
}

export class ConfigError extends GatewayError {
  readonly status = 500;
  readonly code = "invalid_config";
  readonly expose = false;

  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();
const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
/** Comma- or space-separated HTTP methods a proxy forwards; unset means GET and HEAD. */
const proxyMethods = z
  .string()
  .optional()
  .transform((v) =>
    v
      ?.split(/[\s,]+/)
      .filter(Boolean)
      .map((m) => m.toUpperCase()),
  )
  .pipe(
    z
      .array(z.enum(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]))
      .min(1)
      .optional(),
  );
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const onOff = z
  .enum(["on", "off"])
  .default("on")
  .transform((v) => v === "on");
const httpUrl = z
  .url()
  .refine((v) => /^https?:\/\//.test(v), "must be an http(s) URL")
  .transform((v) => v.replace(/\/+$/, ""));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: port(3000),
  HOST: z.string().default("0.0.0.0"),
  WEB_PORT: port(5173),
  MOCK_GITHUB_PORT: port(4000),
  PUBLIC_URL: httpUrl.optional(),
  SESSION_SECRET: optionalString,
  SESSION_SECRETS: optionalString,
  SESSION_IDLE_TIMEOUT_SECONDS: positiveInt(8 * 60 * 60),
  SESSION_ABSOLUTE_TIMEOUT_SECONDS: positiveInt(7 * 24 * 60 * 60),
  STORE_TIMEOUT_MS: positiveInt(500),
  SESSION_STORAGE: z.enum(["auto", "cookie", "server"]).default("auto"),
  REDIS_URL: optionalString,
  REDIS_SENTINELS: optionalString,
  REDIS_SENTINEL_NAME: optionalString,
  REDIS_CLUSTER_NODES: optionalString,
  REDIS_PREFIX: z.string().default("latchkey:"),
  STORE: z.enum(["memory", "sqlite", "redis"]).optional(),
  DATA_DIR: optionalString,
  USER_CACHE_TTL_SECONDS: z.coerce.number().int().positive().optional(),
  AUTH_RATE_LIMIT_MAX: positiveInt(60),
  AUTH_RATE_LIMIT_WINDOW_SECONDS: positiveInt(60),
  PROXY_METHODS: proxyMethods,
  // The name from when GitHub's was the only API proxy; PROXY_METHODS wins when both are set.
  GITHUB_PROXY_METHODS: proxyMethods,
  SEAL_CACHE: onOff,
  SEAL_CACHE_SIZE: positiveInt(10_000),
  PROXY_ETAG_CACHE: onOff,
  PROXY_ETAG_CACHE_ENTRIES: positiveInt(10_000),
  PROXY_ETAG_CACHE_MAX_BYTES: positiveInt(64 * 1024 * 1024),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).optional(),
  SHUTDOWN_TIMEOUT_MS: positiveInt(15_000),
  GITHUB_URL: httpUrl.optional(),
  GITHUB_API_URL: httpUrl.optional(),
  PROVIDER_TIMEOUT_MS: positiveInt(10_000),
  PROXY_TIMEOUT_MS: positiveInt(30_000),
  REVOKE_TIMEOUT_MS: positiveInt(3_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
  TRUST_PROXY: optionalString,
  WEB_DIST_DIR: optionalString,
  METRICS_TOKEN: optionalString,
  UPSTREAMS: optionalString,
  METRICS_PUBLIC: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
});

type Env = Record<string, string | undefined>;

/**
 * Reads and validates the whole configuration at once, so a bad deployment hears about
 * every problem in one start rather than one per restart.
 */
export function loadConfig(env: Env = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  const production = e.NODE_ENV === "production";

  const secrets = parseSecrets(e.SESSION_SECRET, e.SESSION_SECRETS, production, problems);
  const ephemeral = Object.keys(secrets).length === 0 && !production;
  if (Object.keys(secrets).length === 0 && production) {
    problems.push(
      `SESSION_SECRET: required in production (at least ${MIN_SECRET_LENGTH} random characters, e.g. \`openssl rand -base64 48\`)`,
    );
  }

  const providers = parseProviders(
    env,
    { production, mockBaseUrl: e.GITHUB_URL ?? `http://localhost:${e.MOCK_GITHUB_PORT}` },
    problems,
  );
  const upstreams = parseUpstreams(e.UPSTREAMS, { production }, problems);
  const redis = parseRedisConfig(e, problems);
  // Redis when configured; tests default to memory so that runs share nothing on disk.
  const store = e.STORE ?? (redis ? "redis" : e.NODE_ENV === "test" ? "memory" : "sqlite");
  if (store === "redis" && !redis) {
    problems.push("STORE: redis needs REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES");
  }
  if (store !== "redis" && redis) {
    problems.push(`STORE: is ${store}, but a Redis is configured; remove one of the two`);
  }
  if (production && !e.PUBLIC_URL) {
    problems.push("PUBLIC_URL: required in production (the https origin users open)");
  } else if (production && e.PUBLIC_URL && !isSecureContextOrigin(e.PUBLIC_URL)) {
    problems.push(
      "PUBLIC_URL: must be https in production (session cookies would travel in clear text); plain http is allowed only on loopback: localhost, 127.0.0.1, [::1]",
    );
  }

  if (e.SESSION_IDLE_TIMEOUT_SECONDS > e.SESSION_ABSOLUTE_TIMEOUT_SECONDS) {
    problems.push("SESSION_IDLE_TIMEOUT_SECONDS: must not exceed SESSION_ABSOLUTE_TIMEOUT_SECONDS");
  }
  if ((e.SHUTDOWN_GRACE_MS ?? 0) >= e.SHUTDOWN_TIMEOUT_MS) {
    problems.push("SHUTDOWN_GRACE_MS: must be shorter than SHUTDOWN_TIMEOUT_MS");
  }

  if (e.METRICS_TOKEN !== undefined && e.METRICS_TOKEN.length < MIN_METRICS_TOKEN_LENGTH) {
    problems.push(`METRICS_TOKEN: must be at least ${MIN_METRICS_TOKEN_LENGTH} characters`);
  }
  if (e.METRICS_TOKEN !== undefined && e.METRICS_PUBLIC) {
    problems.push("METRICS_PUBLIC: cannot be true when METRICS_TOKEN is set; choose one");
  }

  if (problems.length > 0) throw new ConfigError(problems);

  const publicUrl = new URL(e.PUBLIC_URL ?? `http://localhost:${e.WEB_PORT}`).origin;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    sessionSecrets: ephemeral ? { "1": randomBytes(32).toString("base64url") } : secrets,
    sessionSecretIsEphemeral: ephemeral,
    sessionIdleTimeoutSeconds: e.SESSION_IDLE_TIMEOUT_SECONDS,
    sessionAbsoluteTimeoutSeconds: e.SESSION_ABSOLUTE_TIMEOUT_SECONDS,
    sessionStorage: e.SESSION_STORAGE,
    transactionTtlSeconds: 10 * 60,
    providers,
    providerTimeoutMs: e.PROVIDER_TIMEOUT_MS,
    proxyTimeoutMs: e.PROXY_TIMEOUT_MS,
    revokeTimeoutMs: e.REVOKE_TIMEOUT_MS,
    storeTimeoutMs: e.STORE_TIMEOUT_MS,
    store,
    dataDir: store === "sqlite" ? resolve(e.DATA_DIR ?? defaultDataDir()) : undefined,
    redis: store === "redis" ? redis : undefined,
    userCacheTtlSeconds: e.USER_CACHE_TTL_SECONDS ?? e.SESSION_IDLE_TIMEOUT_SECONDS,
    authRateLimit: { max: e.AUTH_RATE_LIMIT_MAX, windowSeconds: e.AUTH_RATE_LIMIT_WINDOW_SECONDS },
    proxyMethods: e.PROXY_METHODS ?? e.GITHUB_PROXY_METHODS ?? ["GET", "HEAD"],
    upstreams,
    sealCache: { enabled: e.SEAL_CACHE, maxEntries: e.SEAL_CACHE_SIZE },
    proxyEtagCache: {
      enabled: e.PROXY_ETAG_CACHE,
      maxEntries: e.PROXY_ETAG_CACHE_ENTRIES,
      maxBytes: e.PROXY_ETAG_CACHE_MAX_BYTES,
    },
    // Production sits behind load balancers that need a moment to notice; development does not.
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS ?? (production ? 5_000 : 0),
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (e.NODE_ENV === "development" ? "pretty" : "json"),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    metrics: { token: e.METRICS_TOKEN, public: e.METRICS_PUBLIC },
    webDistDir: e.WEB_DIST_DIR ?? (production ? builtWebDir() : undefined),
  };
}

/** `apps/web/dist` beside this package, when it has been built. */
function builtWebDir(): string | undefined {
  // The same relative path from src/ (tsx) and from dist/ (node).
  const dir = fileURLToPath(new URL("../../web/dist", import.meta.url));
  return existsSync(join(dir, "index.html")) ? dir : undefined;
}

/**
 * `apps/gateway/data`, found from this package rather than the working directory, so
 * `npm start`, `npm run dev` and `node dist/server.js` all use the same folder.
 */
function defaultDataDir(): string {
  return fileURLToPath(new URL("../data", import.meta.url));
}

/** `SESSION_SECRETS="2:new,1:old"` for rotation, or a single `SESSION_SECRET` (id 1). */
function parseSecrets(
  single: string | undefined,
  list: string | undefined,
  production: boolean,
  problems: string[],
): Record<string, string> {
  const secrets: Record<string, string> = {};
  if (list) {
    for (const entry of list.split(",")) {
      const match = /^\s*(\d+)\s*:(.*)$/.exec(entry);
      if (!match?.[1] || match[2] === undefined) {
        problems.push(
          'SESSION_SECRETS: each entry must look like "<id>:<secret>", e.g. "2:new,1:old"',
        );
        continue;
      }
      secrets[match[1]] = match[2].trim();
    }
  } else if (single) {
    secrets["1"] = single;
  }
  for (const [id, secret] of Object.entries(secrets)) {
    const name = list ? `SESSION_SECRETS (id ${id})` : "SESSION_SECRET";
    if (secret.length < MIN_SECRET_LENGTH) {
      problems.push(`${name}: must be at least ${MIN_SECRET_LENGTH} characters`);
    } else if (production && isGuessableSecret(secret)) {
      // Development and tests may use readable secrets; a deployment may not.
      problems.push(
        `${name}: too predictable (repeated or sequential characters); generate one with \`openssl rand -base64 48\``,
      );
    }
  }
  return secrets;
}

/**
 * https, or http on a host browsers treat as a secure context (their own machine): there the
 * cookies never cross a network, so a local production build can run without certificates.
 */
function isSecureContextOrigin(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === "https:" || ["localhost", "127.0.0.1", "[::1]"].includes(hostname);
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === "false") return false;
  if (value === "true") return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/**
 * Development reads a `.env` from the working directory or a parent, up to the repository
 * root (the folder with `turbo.json`), so `npm run dev` picks up the root `.env`. Variables
 * already set in the environment win.
 */
export function loadDotEnv(env: Env = process.env, from = process.cwd()): string | undefined {
  if (env.NODE_ENV === "production") return undefined;
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, ".env");
    if (existsSync(file)) {
      process.loadEnvFile(file);
      return file;
    }
    if (existsSync(join(dir, "turbo.json")) || dirname(dir) === dir) return undefined;
  }
}
