import type { DatabaseSync } from "node:sqlite";
import { type SessionData, sessionSchema } from "../session/session.js";
import type {
  SessionDataStore,
  SessionRecord,
  SessionRegistry,
} from "../session/store-contract.js";
import type { Sealer } from "./sealed.js";
import {
  indexDigest,
  indexKeysOf,
  newestFirst,
  openLive,
  sessionRecordSchema,
} from "./session-record.js";
import { failsAs } from "./sqlite-database.js";

type SealedRow = { sid: string; sealed: string } | undefined;

/**
 * The session registry and session bodies in the embedded database. Each row is sealed, so
 * the file holds no readable profile, user agent or token; the index columns hold digests.
 *
 * The last-seen time lives inside the sealed record rather than in a column of its own: when
 * a user was last active is as personal as the rest, and a touch comes at most every few
 * minutes per session, so opening and sealing again costs little. The rewrite happens only if
 * the row is still the one that was read, so a touch racing a sign-out never brings the
 * record back.
 */
export function createSqliteSessions(
  db: DatabaseSync,
  sealer: Sealer,
  now: () => number,
): { sessions: SessionRegistry; sessionData: SessionDataStore } {
  const sql = (text: string) => db.prepare(text);
  const s = {
    put: sql(`INSERT OR REPLACE INTO sessions
      (sid, user_key, provider_session_key, subject_key, sealed, expires_at)
      VALUES (?, ?, ?, ?, ?, ?)`),
    get: sql("SELECT sid, sealed FROM sessions WHERE sid = ? AND expires_at > ?"),
    touch: sql("UPDATE sessions SET sealed = ? WHERE sid = ? AND sealed = ?"),
    forUser: sql("SELECT sid, sealed FROM sessions WHERE user_key = ? AND expires_at > ?"),
    forProviderSession: sql(
      "SELECT sid FROM sessions WHERE provider_session_key = ? AND expires_at > ?",
    ),
    forSubject: sql("SELECT sid FROM sessions WHERE subject_key = ? AND expires_at > ?"),
    remove: sql("DELETE FROM sessions WHERE sid = ?"),
    getData: sql("SELECT sid, sealed FROM session_data WHERE sid = ? AND expires_at > ?"),
    setData: sql("INSERT OR REPLACE INTO session_data (sid, sealed, expires_at) VALUES (?, ?, ?)"),
    deleteData: sql("DELETE FROM session_data WHERE sid = ?"),
  };
  const openRecord = (row: SealedRow) =>
    row && openLive(sealer, row.sealed, sessionRecordSchema, row.sid, now());
  const sids = (rows: unknown[]) => (rows as { sid: string }[]).map((row) => row.sid);

  const sessions: SessionRegistry = {
    put: failsAs("sessions.put", async (record: SessionRecord) => {
      const ttl = record.expiresAt - now();
      if (ttl <= 0) {
        s.remove.run(record.sid);
        return;
      }
      const keys = indexKeysOf(record);
      const sealed = await sealer.seal(record, ttl);
      s.put.run(
        record.sid,
        keys.user,
        keys.providerSession ?? null,
        keys.subject ?? null,
        sealed,
        record.expiresAt,
      );
    }),
    touch: failsAs("sessions.touch", async (sid: string, lastSeenAt: number) => {
      const row = s.get.get(sid, now()) as SealedRow;
      const record = await openRecord(row);
      if (!row || !record) return;
      const ttl = record.expiresAt - now();
      if (ttl <= 0) return;
      s.touch.run(await sealer.seal({ ...record, lastSeenAt }, ttl), sid, row.sealed);
    }),
    get: failsAs("sessions.get", async (sid: string) =>
      openRecord(s.get.get(sid, now()) as SealedRow),
    ),
    forUser: failsAs("sessions.forUser", async (provider: string, userId: string) => {
      const rows = s.forUser.all(indexDigest(provider, userId), now()) as SealedRow[];
      const records = await Promise.all(rows.map(openRecord));
      return records
        .filter((record): record is SessionRecord => record !== undefined)
        .filter((record) => record.provider === provider && record.userId === userId)
        .sort(newestFirst);
    }),
    // The index columns are written with the record in one statement, so they need no check
    // against it.
    forProviderSession: failsAs(
      "sessions.forProviderSession",
      async (provider: string, providerSid: string) =>
        sids(s.forProviderSession.all(indexDigest(provider, providerSid), now())),
    ),
    forSubject: failsAs("sessions.forSubject", async (provider: string, subject: string) =>
      sids(s.forSubject.all(indexDigest(provider, subject), now())),
    ),
    remove: failsAs("sessions.remove", async (sid: string) => {
      s.remove.run(sid);
    }),
  };

  const sessionData: SessionDataStore = {
    get: failsAs("sessionData.get", async (sid: string) => {
      const row = s.getData.get(sid, now()) as SealedRow;
      return row && openLive(sealer, row.sealed, sessionSchema, sid, now());
    }),
    set: failsAs("sessionData.set", async (sid: string, data: SessionData) => {
      const ttl = data.expiresAt - now();
      if (ttl <= 0) {
        s.deleteData.run(sid);
        return;
      }
      s.setData.run(sid, await sealer.seal(data, ttl), data.expiresAt);
    }),
    delete: failsAs("sessionData.delete", async (sid: string) => {
      s.deleteData.run(sid);
    }),
  };
  return { sessions, sessionData };
}
