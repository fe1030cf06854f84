import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { setTimeout as sleep } from "node:timers/promises";
import type { Options } from "express-rate-limit";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../../src/session/store-contract.js";
import { createSqliteStores, type SqliteStoresOptions } from "../../src/stores/sqlite.js";
import { StoreOpenError } from "../../src/stores/sqlite-database.js";
import type { Stores } from "../../src/stores/stores.js";
import { TEST_SECRET } from "../support/gateway.js";
import { SID_A, SID_B, sessionBody, sessionRecord } from "../support/session-records.js";
import { breakDatabase } from "../support/sqlite.js";
import { TOKEN, USER } from "../support/stored.js";

const folders: string[] = [];
const opened: Stores[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((stores) => stores.close()));
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "latchkey-sqlite-"));
  folders.push(dir);
  return dir;
}

function open(dataDir: string, more: Partial<SqliteStoresOptions> = {}) {
  const stores = createSqliteStores({
    dataDir,
    sessionSecrets: { 1: TEST_SECRET },
    userCacheTtlSeconds: 3600,
    logger: pino({ level: "silent" }),
    ...more,
  });
  opened.push(stores);
  return stores;
}

/** Every row of every table, read the way anyone with the file could. */
function rawRows(file: string): Record<string, Record<string, unknown>[]> {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [name, db.prepare(`SELECT * FROM ${name}`).all()]),
    );
  } finally {
    db.close();
  }
}

const soon = (ms: number) => Date.now() + ms;

describe("the SQLite stores", () => {
  it("when the folder is missing, then it is made 0700, and the database and its journal files are 0600", async () => {
    const dataDir = join(tempFolder(), "nested", "data");
    const stores = open(dataDir);
    await stores.revocations.revoke("sid-a", soon(60_000));
    expect(stores.file).toBe(join(dataDir, "latchkey.db"));
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const files = readdirSync(dataDir).sort();
    expect(files).toEqual(["latchkey.db", "latchkey.db-shm", "latchkey.db-wal"]);
    for (const file of files) expect(statSync(join(dataDir, file)).mode & 0o777, file).toBe(0o600);
  });

  it("when closed and opened again on the same folder, then everything it held is still there", async () => {
    const dataDir = tempFolder();
    const first = open(dataDir);
    await first.revocations.revoke("sid-a", soon(60_000));
    await first.users.set("sid-b", USER, soon(60_000));
    const owner = await first.refresh.lock("sid-c", 60_000);
    await first.refresh.publish("sid-c", { token: TOKEN }, soon(60_000));
    await first.transactions.consume("tx-a", soon(60_000));
    const limiter = first.rateLimit("auth");
    limiter.init?.({ windowMs: 60_000 } as Options);
    await limiter.increment("203.0.113.1");
    await first.close();

    const again = open(dataDir);
    expect(await again.revocations.isRevoked("sid-a")).toBe(true);
    expect(await again.users.get("sid-b")).toEqual(USER);
    expect(await again.refresh.lock("sid-c", 60_000)).toBeUndefined();
    await again.refresh.unlock("sid-c", owner as string);
    expect(await again.refresh.lock("sid-c", 60_000)).toEqual(expect.any(String));
    expect(await again.refresh.outcome("sid-c")).toEqual({ token: TOKEN });
    expect(await again.transactions.consume("tx-a", soon(60_000))).toBe(false);
    const counter = again.rateLimit("auth");
    counter.init?.({ windowMs: 60_000 } as Options);
    expect((await counter.increment("203.0.113.1")).totalHits).toBe(2);
  });

  it("when two store instances share a folder (two processes), then each sees the other's revocations, locks, used transactions and counts", async () => {
    const dataDir = tempFolder();
    const [a, b] = [open(dataDir), open(dataDir)];
    await a.revocations.revoke("sid-a", soon(60_000));
    expect(await b.revocations.isRevoked("sid-a")).toBe(true);
    const owner = await a.refresh.lock("sid-a", 60_000);
    expect(owner).toEqual(expect.any(String));
    expect(await b.refresh.lock("sid-a", 60_000)).toBeUndefined();
    await b.refresh.unlock("sid-a", "not-the-owner");
    expect(await b.refresh.lock("sid-a", 60_000)).toBeUndefined();
    await a.refresh.unlock("sid-a", owner as string);
    expect(await b.refresh.lock("sid-a", 60_000)).toEqual(expect.any(String));
    expect(await a.transactions.consume("tx-a", soon(60_000))).toBe(true);
    expect(await b.transactions.consume("tx-a", soon(60_000))).toBe(false);
    const [countA, countB] = [a.rateLimit("auth"), b.rateLimit("auth")];
    for (const counter of [countA, countB]) counter.init?.({ windowMs: 60_000 } as Options);
    await countA.increment("203.0.113.1");
    expect((await countB.increment("203.0.113.1")).totalHits).toBe(2);
  });

  it("when rows expire, then the sweep deletes them from the file and keeps the live ones", async () => {
    const stores = open(tempFolder(), { sweepEveryMs: 100, userCacheTtlSeconds: 1 });
    await stores.revocations.revoke("sid-old", soon(150));
    await stores.revocations.revoke("sid-live", soon(60_000));
    await stores.users.set("sid-old", USER, soon(150));
    await stores.refresh.lock("sid-old", 150);
    await stores.refresh.publish("sid-old", { failed: true }, soon(150));
    await stores.transactions.consume("tx-old", soon(150));
    const limiter = stores.rateLimit("auth");
    limiter.init?.({ windowMs: 150 } as Options);
    await limiter.increment("203.0.113.1");
    await stores.sessions.put(sessionRecord({ sid: SID_A, expiresAt: soon(150) }));
    await stores.sessionData.set(SID_A, sessionBody(SID_A, soon(150)));
    expect(Object.values(rawRows(stores.file)).flat()).toHaveLength(9);

    await expect
      .poll(() => rawRows(stores.file), { timeout: 2_000 })
      .toEqual({
        rate_limits: [],
        refresh_locks: [],
        refresh_outcomes: [],
        revocations: [{ sid: "sid-live", expires_at: expect.any(Number) }],
        session_data: [],
        sessions: [],
        used_transactions: [],
        users: [],
      });
  });

  it("when a rate-limit window ends, then the client's count starts again", async () => {
    const limiter = open(tempFolder()).rateLimit("auth");
    limiter.init?.({ windowMs: 200 } as Options);
    await limiter.increment("203.0.113.1");
    const second = await limiter.increment("203.0.113.1");
    expect(second.totalHits).toBe(2);
    expect(second.resetTime?.getTime()).toBeGreaterThan(Date.now());
    await limiter.decrement("203.0.113.1");
    expect((await limiter.increment("203.0.113.1")).totalHits).toBe(2);
    await sleep(300);
    expect((await limiter.increment("203.0.113.1")).totalHits).toBe(1);
  });

  it("when a token, a user, a session record and a session body are stored, then the file holds none of them in the clear", async () => {
    const stores = open(tempFolder());
    await stores.refresh.publish("sid-a", { token: TOKEN }, TOKEN.expiresAt as number);
    await stores.users.set("sid-a", USER, soon(60_000));
    await stores.sessions.put(
      sessionRecord({ sid: SID_A, providerSid: "op-session-1", subject: "subject-1" }),
    );
    await stores.sessionData.set(SID_B, sessionBody(SID_B, soon(60_000)));
    await stores.close();
    const bytes = readdirSync(join(stores.file, ".."))
      .map((file) => readFileSync(join(stores.file, "..", file)).toString("latin1"))
      .join("");
    const session = ["user-583231", "op-session-1", "subject-1", "Firefox", "Linux"];
    for (const secret of ["ghu_", "ghr_", "octocat", "accessToken", "refreshToken", ...session]) {
      expect(bytes, secret).not.toContain(secret);
    }
  });

  it("when a row was not sealed with the session secret, then it reads as absent", async () => {
    const stores = open(tempFolder());
    const db = new DatabaseSync(stores.file);
    const insert = db.prepare("INSERT INTO users (sid, sealed, expires_at) VALUES (?, ?, ?)");
    insert.run("sid-a", JSON.stringify({ ...USER, login: "mallory" }), soon(60_000));
    db.prepare("INSERT INTO refresh_outcomes (sid, value, expires_at) VALUES (?, ?, ?)").run(
      "sid-a",
      JSON.stringify(TOKEN),
      soon(60_000),
    );
    db.close();
    expect(await stores.users.get("sid-a")).toBeUndefined();
    expect(await stores.refresh.outcome("sid-a")).toBeUndefined();
  });

  it("when the database file breaks while in use, then every call fails as a store outage, not a crash", async () => {
    const stores = open(tempFolder());
    await stores.revocations.revoke("sid-a", soon(60_000));
    breakDatabase(stores.file);
    const calls = [
      stores.revocations.isRevoked("sid-a"),
      stores.revocations.revoke("sid-b", soon(60_000)),
      stores.users.get("sid-a"),
      stores.refresh.lock("sid-a", 1_000),
      stores.transactions.consume("tx-a", soon(60_000)),
      stores.sessions.forUser("github", "user-583231"),
      stores.sessionData.get(SID_A),
      stores.ping(),
    ];
    for (const result of await Promise.allSettled(calls)) {
      expect(result.status).toBe("rejected");
      if (result.status === "rejected") {
        expect(result.reason).toBeInstanceOf(StoreUnavailableError);
        expect(result.reason.code).toBe("store_unavailable");
      }
    }
  });

  it("when another process holds the write lock past the busy timeout, then a write fails as a store outage", async () => {
    const stores = open(tempFolder(), { busyTimeoutMs: 100 });
    const other = new DatabaseSync(stores.file);
    other.exec("BEGIN IMMEDIATE");
    try {
      await expect(stores.revocations.revoke("sid-a", soon(60_000))).rejects.toMatchObject({
        code: "store_unavailable",
        operation: "revoke",
      });
      // Readers never wait for the writer.
      expect(await stores.revocations.isRevoked("sid-a")).toBe(false);
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    await stores.revocations.revoke("sid-a", soon(60_000));
    expect(await stores.revocations.isRevoked("sid-a")).toBe(true);
  });

  it("when the file was written by schema 1, then it opens with everything it held and gains the session tables", async () => {
    const dataDir = tempFolder();
    const first = open(dataDir);
    await first.revocations.revoke("sid-a", soon(60_000));
    await first.close();
    const db = new DatabaseSync(join(dataDir, "latchkey.db"));
    db.exec("DROP TABLE sessions; DROP TABLE session_data; PRAGMA user_version = 1;");
    db.close();

    const again = open(dataDir);
    expect(await again.revocations.isRevoked("sid-a")).toBe(true);
    const record = sessionRecord({ sid: SID_A });
    await again.sessions.put(record);
    expect(await again.sessions.forUser(record.provider, record.userId)).toEqual([record]);
    await again.sessionData.set(SID_A, sessionBody(SID_A, soon(60_000)));
    expect(await again.sessionData.get(SID_A)).toMatchObject({ sid: SID_A });
    const check = new DatabaseSync(again.file, { readOnly: true });
    try {
      expect(check.prepare("PRAGMA user_version").get()).toEqual({ user_version: 2 });
    } finally {
      check.close();
    }
  });

  it("when the file was written by a newer schema, then opening it is refused", async () => {
    const dataDir = tempFolder();
    await open(dataDir).close();
    const db = new DatabaseSync(join(dataDir, "latchkey.db"));
    db.exec("PRAGMA user_version = 3");
    db.close();
    expect(() => open(dataDir)).toThrow(/written by a newer gateway \(schema 3\)/);
  });

  it.each([
    [
      "a path under a regular file",
      (dir: string) => {
        writeFileSync(join(dir, "file"), "");
        return join(dir, "file", "data");
      },
    ],
    [
      "a folder whose latchkey.db is not a database",
      (dir: string) => {
        writeFileSync(join(dir, "latchkey.db"), "x".repeat(4096));
        return dir;
      },
    ],
  ])(
    "when DATA_DIR is %s, then opening fails with a StoreOpenError naming the file",
    (_case, make) => {
      const dataDir = make(tempFolder());
      let thrown: unknown;
      try {
        open(dataDir);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(StoreOpenError);
      expect(thrown).toMatchObject({ code: "store_open_failed" });
      expect((thrown as Error).message).toContain(
        `DATA_DIR: cannot open the store at ${join(dataDir, "latchkey.db")}: `,
      );
    },
  );
});
