import type { IncomingMessage, ServerResponse } from "node:http";
import { parseCookie, stringifySetCookie } from "cookie";
import { sealData } from "iron-session";
import type { z } from "zod";
import { openSeal } from "../crypto/open-seal.js";
import type { SealCache } from "../crypto/seal-cache.js";
import { GatewayError } from "../errors.js";

/** Browsers drop a Set-Cookie larger than this (name, value and attributes together). */
export const MAX_SET_COOKIE_BYTES = 4096;

/** The gateway's own limit: what the session must hold does not fit in a cookie. */
export class CookieTooLargeError extends GatewayError {
  readonly status = 500;
  readonly code = "session_too_large";
  readonly expose = false;

  constructor(
    readonly cookieName: string,
    readonly bytes: number,
  ) {
    super(
      `The ${cookieName} cookie would be ${bytes} bytes; browsers keep at most ${MAX_SET_COOKIE_BYTES}.`,
    );
  }
}

export interface SealedCookieOptions<T> {
  name: string;
  secrets: Record<string, string>;
  /** How long a seal opens for. */
  ttlSeconds: number;
  /** The cookie's Max-Age; by default a minute less than the seal, so a browser never sends a dead one. */
  maxAgeSeconds?: number;
  secure: boolean;
  schema: z.ZodType<T>;
  /** Opened seals to reuse instead of decrypting the same cookie on every request. */
  cache?: SealCache | undefined;
}

/**
 * One iron-session sealed, HttpOnly cookie holding a `T`. Anything that does not open and
 * match the schema (tampered, truncated, expired, sealed with a removed secret, an older
 * shape) reads as absent: a bad cookie makes a request anonymous, never an error. What it
 * reads is deeply frozen: a changed session is a new object, written back with `write`.
 */
export class SealedCookie<T> {
  constructor(private readonly options: SealedCookieOptions<T>) {}

  get name(): string {
    return this.options.name;
  }

  async read(req: IncomingMessage): Promise<T | undefined> {
    const header = req.headers.cookie;
    if (!header) return undefined;
    const value = parseCookie(header)[this.options.name];
    if (!value) return undefined;
    const { cache, secrets, schema } = this.options;
    return openSeal(value, { secrets, schema, cache });
  }

  /**
   * Seals `data` and appends its Set-Cookie; throws `CookieTooLargeError` instead of sending
   * one a browser would drop. `maxAgeSeconds` overrides the configured cookie lifetime.
   */
  async write(res: ServerResponse, data: T, maxAgeSeconds?: number): Promise<void> {
    const sealed = await sealData(data, {
      password: this.options.secrets,
      ttl: this.options.ttlSeconds,
    });
    const header = stringifySetCookie({
      name: this.options.name,
      value: sealed,
      ...this.attributes(),
      maxAge:
        maxAgeSeconds ?? this.options.maxAgeSeconds ?? Math.max(this.options.ttlSeconds - 60, 1),
    });
    const bytes = Buffer.byteLength(header);
    if (bytes > MAX_SET_COOKIE_BYTES) throw new CookieTooLargeError(this.options.name, bytes);
    appendSetCookie(res, header);
  }

  clear(res: ServerResponse): void {
    appendSetCookie(
      res,
      stringifySetCookie({
        name: this.options.name,
        value: "",
        ...this.attributes(),
        maxAge: 0,
        expires: new Date(0),
      }),
    );
  }

  private attributes() {
    // No Domain, Path=/ and Secure on https: what the __Host- prefix demands.
    return {
      httpOnly: true,
      secure: this.options.secure,
      sameSite: "lax" as const,
      path: "/",
    };
  }
}

function appendSetCookie(res: ServerResponse, header: string): void {
  const existing = res.getHeader("set-cookie");
  const list =
    existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  res.setHeader("set-cookie", [...list, header]);
}

/** `__Host-` pins a cookie to this exact origin over https; browsers refuse it on http. */
export function cookieName(base: string, secure: boolean): string {
  return secure ? `__Host-${base}` : base;
}
