import { createLocalJWKSet, type JSONWebKeySet, type LocalJWKSet } from "jose";
import { ResponseError } from "./errors.js";
import type { RequestContext } from "./http.js";

/**
 * Milliseconds before a cached key set is fetched again: a key the issuer withdrew stops being
 * trusted within this time.
 */
const MAX_AGE = 10 * 60_000;
/**
 * Milliseconds between two fetches asked for by a token whose key is unknown: anyone can post
 * a logout token, and each made-up `kid` must not become a request to the issuer.
 */
const COOLDOWN = 30_000;

const WHAT = "the issuer's JWKS";

/**
 * One provider's view of its issuer's signing keys (`jwks_uri`): fetched on first use with the
 * provider's fetch and timeout, kept for {@link MAX_AGE}, fetched again early when a token names
 * a key the set lacks (key rotation), at most once per {@link COOLDOWN}.
 */
export class IssuerKeys {
  readonly #uri: string;
  #keys: Promise<LocalJWKSet> | undefined;
  #fetchedAt = Number.NEGATIVE_INFINITY;

  constructor(uri: string) {
    this.#uri = uri;
  }

  /** The key set, fetched when there is none yet or it is older than {@link MAX_AGE}. */
  current(ctx: RequestContext, now: number): Promise<LocalJWKSet> {
    if (!this.#keys || now - this.#fetchedAt >= MAX_AGE) return this.#fetch(ctx, now);
    return this.#keys;
  }

  /**
   * A newer key set than `seen`: the one another caller already fetched, or a new fetch, or
   * undefined while the last fetch is under {@link COOLDOWN} old.
   */
  newer(
    ctx: RequestContext,
    now: number,
    seen: Promise<LocalJWKSet>,
  ): Promise<LocalJWKSet> | undefined {
    if (this.#keys && this.#keys !== seen) return this.#keys;
    if (now - this.#fetchedAt < COOLDOWN) return undefined;
    return this.#fetch(ctx, now);
  }

  #fetch(ctx: RequestContext, now: number): Promise<LocalJWKSet> {
    const keys = fetchKeySet(ctx, this.#uri);
    this.#keys = keys;
    this.#fetchedAt = now;
    // A failed fetch is not kept: the next token asks again, cooldown permitting.
    keys.catch(() => {
      if (this.#keys === keys) this.#keys = undefined;
    });
    return keys;
  }
}

async function fetchKeySet(ctx: RequestContext, uri: string): Promise<LocalJWKSet> {
  const response = await ctx.request(uri, {
    headers: { accept: "application/json, application/jwk-set+json" },
    retry: "idempotent",
  });
  if (response.status !== 200) {
    throw new ResponseError(`${WHAT} answered HTTP ${response.status}`, response.status);
  }
  const body = response.json();
  try {
    // jose checks the shape (a `keys` array of objects) and keeps a copy.
    return createLocalJWKSet(body as JSONWebKeySet);
  } catch {
    throw new ResponseError(`${WHAT} is not a JSON Web Key Set`, response.status);
  }
}
