import { randomBytes } from "node:crypto";
import type { NormalizedUser, TokenSet } from "@latchkey/oauth-core";
import { z } from "zod";
import type { SealCache } from "../crypto/seal-cache.js";
import { cookieName, SealedCookie } from "./sealed-cookie.js";

export const userSchema = z.object({
  provider: z.string(),
  id: z.string(),
  login: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  profileUrl: z.string().nullable(),
});

const tokenParams = z.record(z.string(), z.string());

export const tokenSchema = z
  .object({
    accessToken: z.string(),
    tokenType: z.string(),
    scopes: z.array(z.string()),
    expiresAt: z.number().optional(),
    refreshToken: z.string().optional(),
    refreshTokenExpiresAt: z.number().optional(),
    /**
     * OpenID Connect: the latest id_token, kept only where logout ends the provider's session
     * too (`<ID>_LOGOUT=provider`), which sends it back as `id_token_hint`.
     */
    idToken: z.string().optional(),
    /** Callback parameters the provider's token requests need again (`Provider.tokenParams`). */
    extraParams: tokenParams.optional(),
    /** The same, as sessions sealed before it had its name still carry it. */
    context: tokenParams.optional(),
  })
  .transform(({ context, ...token }) =>
    context && !token.extraParams ? { ...token, extraParams: context } : token,
  );

export const sessionSchema = z.object({
  v: z.literal(2),
  /** Random id: the key for revocation, and proof that a login made a new session. */
  sid: z.string().min(16),
  provider: z.string(),
  user: userSchema,
  token: tokenSchema,
  createdAt: z.number(),
  /** When the session was last used (to within the touch interval): the idle timeout's clock. */
  lastSeenAt: z.number(),
  /** createdAt + the absolute timeout: no activity extends it. */
  expiresAt: z.number(),
  /**
   * Whether the body lives in the store and the cookie holds only a reference to it (a
   * session too large for a cookie, or `SESSION_STORAGE=server`). Once there, it stays.
   */
  storedOnServer: z.literal(true).optional(),
});

/**
 * What the cookie holds for a session kept on the server: its id, sealed like any session
 * cookie so it cannot be guessed or forged, and its end, so an expired one is refused
 * without asking the store.
 */
const sessionReferenceSchema = z.object({
  v: z.literal(3),
  sid: z.string().min(16),
  expiresAt: z.number(),
});
export type SessionReference = z.infer<typeof sessionReferenceSchema>;

const sessionCookieSchema = z.union([sessionSchema, sessionReferenceSchema]);
/** The session cookie: the whole session, or a reference to one kept on the server. */
export type SessionCookie = z.infer<typeof sessionCookieSchema>;

export function isReference(value: SessionCookie): value is SessionReference {
  return value.v === 3;
}

/** What the sealed session cookie holds. Only the gateway ever sees `token`. */
export type SessionData = z.infer<typeof sessionSchema>;

export function createSessionCookie(options: {
  secrets: Record<string, string>;
  absoluteTimeoutSeconds: number;
  secure: boolean;
  cache?: SealCache | undefined;
}): SealedCookie<SessionCookie> {
  return new SealedCookie({
    name: cookieName("latchkey.session", options.secure),
    secrets: options.secrets,
    ttlSeconds: options.absoluteTimeoutSeconds,
    secure: options.secure,
    schema: sessionCookieSchema,
    cache: options.cache,
  });
}

/** A brand-new session: fresh id, nothing carried over from whatever came before. */
export function newSession(
  provider: string,
  user: NormalizedUser,
  token: TokenSet,
  absoluteTimeoutSeconds: number,
  now: number,
  extraParams: Record<string, string> = {},
  /** Keep the id_token, for a logout that sends it back (`<ID>_LOGOUT=provider`). */
  keepIdToken = false,
): SessionData {
  return {
    v: 2,
    sid: randomBytes(16).toString("base64url"),
    provider,
    user: { ...user },
    token: {
      accessToken: token.accessToken,
      tokenType: token.tokenType,
      scopes: [...token.scopes],
      ...(token.expiresAt !== undefined && { expiresAt: token.expiresAt }),
      ...(token.refreshToken !== undefined && { refreshToken: token.refreshToken }),
      ...(token.refreshTokenExpiresAt !== undefined && {
        refreshTokenExpiresAt: token.refreshTokenExpiresAt,
      }),
      ...(Object.keys(extraParams).length > 0 && { extraParams }),
      ...(keepIdToken && token.idToken !== undefined && { idToken: token.idToken }),
    },
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + absoluteTimeoutSeconds * 1000,
  };
}
