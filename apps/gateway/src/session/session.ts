import { randomBytes } from "node:crypto";
import type { NormalizedUser, TokenSet } from "@latchkey/oauth-core";
import { z } from "zod";
import { cookieName, SealedCookie } from "./sealed-cookie.js";

const userSchema = z.object({
  provider: z.string(),
  id: z.string(),
  login: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  profileUrl: z.string().nullable(),
});

const tokenSchema = z.object({
  accessToken: z.string(),
  tokenType: z.string(),
  scopes: z.array(z.string()),
  expiresAt: z.number().optional(),
  refreshToken: z.string().optional(),
  refreshTokenExpiresAt: z.number().optional(),
});

const sessionSchema = z.object({
  v: z.literal(1),
  sid: z.string().min(16),
  provider: z.string(),
  user: userSchema,
  token: tokenSchema,
  createdAt: z.number(),
  expiresAt: z.number(),
});

/** What the sealed session cookie holds. Only the gateway ever sees `token`. */
export type SessionData = z.infer<typeof sessionSchema>;

export interface SessionOptions {
  secrets: Record<string, string>;
  ttlSeconds: number;
  secure: boolean;
  now?: () => number;
}

export function createSessionCookie(options: SessionOptions): SealedCookie<SessionData> {
  const now = options.now ?? Date.now;
  return new SealedCookie({
    name: cookieName("latchkey.session", options.secure),
    secrets: options.secrets,
    ttlSeconds: options.ttlSeconds,
    secure: options.secure,
    // The seal's own TTL already bounds it; the timestamp check keeps a clock-skewed or
    // rotated-TTL seal from outliving the session it was issued for.
    schema: sessionSchema.refine((s) => s.expiresAt > now(), "session expired"),
  });
}

/** A brand-new session: fresh id, nothing carried over from whatever came before. */
export function newSession(
  provider: string,
  user: NormalizedUser,
  token: TokenSet,
  ttlSeconds: number,
  now: number = Date.now(),
): SessionData {
  return {
    v: 1,
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
    },
    createdAt: now,
    expiresAt: now + ttlSeconds * 1000,
  };
}
