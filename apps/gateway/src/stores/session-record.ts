import { createHash } from "node:crypto";
import { z } from "zod";
import type { SessionRecord } from "../session/store-contract.js";
import type { Sealer } from "./sealed.js";

export const sessionRecordSchema = z.object({
  sid: z.string(),
  provider: z.string(),
  userId: z.string(),
  providerSid: z.string().optional(),
  subject: z.string().optional(),
  browser: z.string().nullable(),
  system: z.string().nullable(),
  createdAt: z.number(),
  lastSeenAt: z.number(),
  expiresAt: z.number(),
});

/**
 * A shared store names a user, a provider session or a subject only by a digest: whoever reads
 * the file or Redis learns neither who signed in nor their provider's ids. The provider is part
 * of it, since two providers may give the same id to different people.
 */
export function indexDigest(provider: string, id: string): string {
  return createHash("sha256").update(`${provider}\n${id}`).digest("base64url");
}

/** The index entries naming a session: always its user; the others when the provider sent them. */
export interface SessionIndexKeys {
  user: string;
  providerSession: string | undefined;
  subject: string | undefined;
}

export function indexKeysOf(record: SessionRecord): SessionIndexKeys {
  const { provider } = record;
  return {
    user: indexDigest(provider, record.userId),
    providerSession:
      record.providerSid === undefined ? undefined : indexDigest(provider, record.providerSid),
    subject: record.subject === undefined ? undefined : indexDigest(provider, record.subject),
  };
}

/** The sessions page lists the latest sign-in first; ids only break ties, for a stable order. */
export function newestFirst(a: SessionRecord, b: SessionRecord): number {
  return b.createdAt - a.createdAt || (a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : 0);
}

/**
 * Opens what a shared store holds under `sid` (a session record or body). A value that does
 * not open, was moved from another session's key (someone with write access but no secret
 * swapping seals), or whose session has ended reads as absent. The result is the caller's own
 * copy, free to change.
 */
export async function openLive<T extends { sid: string; expiresAt: number }>(
  sealer: Sealer,
  sealed: string,
  schema: z.ZodType<T>,
  sid: string,
  now: number,
): Promise<T | undefined> {
  const value = await sealer.open(sealed, schema);
  if (value === undefined || value.sid !== sid || value.expiresAt <= now) return undefined;
  return structuredClone(value);
}
