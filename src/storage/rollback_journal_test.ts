import { equal, ok, throws } from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { openDatabase } from "./database.ts";
import { isDatabaseBusy, journalMode, withRollbackJournal } from "./rollback_journal.ts";

async function tempDbPath(): Promise<{ path: string; dir: string }> {
  const dir = await Deno.makeTempDir({ prefix: "oc-journal-" });
  return { path: `${dir}/billing.db`, dir };
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

Deno.test("rollback journal: alone, the write runs in delete mode and the WAL comes back", async () => {
  const { path, dir } = await tempDbPath();
  const db = openDatabase(path);
  try {
    equal(journalMode(db), "wal");
    const inside = withRollbackJournal(db, () =>
      db.transaction(() => {
        db.run("INSERT INTO settings VALUES ('journal_test', 'x', 'test', 'now')");
        return {
          mode: journalMode(db),
          sync: db.get<{ synchronous: number }>("PRAGMA synchronous")!.synchronous,
          wal: exists(`${path}-wal`),
        };
      }));
    equal(inside.mode, "delete");
    equal(inside.sync, 2); // FULL while the rollback journal protects the write
    equal(inside.wal, false);
    equal(journalMode(db), "wal");
    equal(db.get<{ synchronous: number }>("PRAGMA synchronous")!.synchronous, 1); // NORMAL
    equal(
      db.get<{ value: string }>("SELECT value FROM settings WHERE key = 'journal_test'")!.value,
      "x",
    );
  } finally {
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("rollback journal: with another connection open it stays in WAL and the reader is never blocked", async () => {
  const { path, dir } = await tempDbPath();
  const db = openDatabase(path);
  const reader = new DatabaseSync(path);
  reader.exec("PRAGMA busy_timeout = 0");
  try {
    const before = reader.prepare("SELECT count(*) AS n FROM settings").get() as { n: number };
    const seen = withRollbackJournal(db, () =>
      db.transaction(() => {
        db.run("INSERT INTO settings VALUES ('journal_test', 'x', 'test', 'now')");
        // a WAL reader sees the last commit while the write is open (no SQLITE_BUSY)
        const n = (reader.prepare("SELECT count(*) AS n FROM settings").get() as { n: number }).n;
        return { mode: journalMode(db), n };
      }));
    equal(seen.mode, "wal");
    equal(seen.n, before.n);
    equal(journalMode(db), "wal");
  } finally {
    reader.close();
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("rollback journal: a refused write rolls back and the WAL comes back", async () => {
  const { path, dir } = await tempDbPath();
  const db = openDatabase(path);
  try {
    throws(
      () =>
        withRollbackJournal(db, () =>
          db.transaction(() => {
            db.run("INSERT INTO settings VALUES ('journal_test', 'x', 'test', 'now')");
            throw new Error("refused");
          })),
      /refused/,
    );
    equal(journalMode(db), "wal");
    equal(db.get("SELECT 1 FROM settings WHERE key = 'journal_test'"), undefined);
    ok(!exists(`${path}-journal`));
  } finally {
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("rollback journal: a connection opened during the write works on, in WAL afterwards", async () => {
  const { path, dir } = await tempDbPath();
  const db = openDatabase(path);
  const late = new DatabaseSync(path);
  try {
    withRollbackJournal(db, () => {
      // opens and reads while the file is in rollback mode, before the write locks it
      late.prepare("SELECT count(*) FROM settings").get();
      db.transaction(() =>
        db.run("INSERT INTO settings VALUES ('journal_test', 'x', 'test', 'now')")
      );
    });
    // an idle connection holds no lock in rollback mode: the switch back succeeds
    equal(journalMode(db), "wal");
    const row = late.prepare("SELECT value FROM settings WHERE key = 'journal_test'").get();
    equal((row as { value: string }).value, "x");
  } finally {
    late.close();
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("openDatabase: a file held in rollback mode opens without waiting for the journal switch", async () => {
  const { path, dir } = await tempDbPath();
  openDatabase(path).close();
  const holder = new DatabaseSync(path);
  try {
    holder.exec("PRAGMA journal_mode = DELETE");
    // a reader in the middle of a read: shared lock, so the WAL switch is refused
    holder.exec("BEGIN");
    holder.prepare("SELECT count(*) FROM settings").get();
    const started = performance.now();
    const reader = openDatabase(path, { busyTimeoutMs: 5000 });
    equal(journalMode(reader), "delete");
    ok(performance.now() - started < 4000, "did not wait out the busy timeout");
    reader.close();
    // a writer holding the file: the open fails as busy (not as "not a usable database")
    holder.exec("COMMIT; BEGIN EXCLUSIVE");
    let error: unknown = null;
    try {
      openDatabase(path, { busyTimeoutMs: 50 }).close();
    } catch (e) {
      error = e;
    }
    ok(isDatabaseBusy(error), String(error));
    holder.exec("ROLLBACK");
    holder.close();
    const alone = openDatabase(path);
    equal(journalMode(alone), "wal");
    alone.close();
  } finally {
    if (holder.isOpen) holder.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("isDatabaseBusy: SQLite's locked error, nothing else", async () => {
  const { path, dir } = await tempDbPath();
  const a = new DatabaseSync(path);
  const b = new DatabaseSync(path);
  try {
    a.exec("CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1)");
    let locked: unknown = null;
    try {
      b.prepare("SELECT * FROM t").all();
    } catch (e) {
      locked = e;
    }
    ok(isDatabaseBusy(locked));
    let lockedExec: unknown = null;
    try {
      b.exec("INSERT INTO t VALUES (2)"); // exec() errors carry only the message
    } catch (e) {
      lockedExec = e;
    }
    ok(isDatabaseBusy(lockedExec));
    let syntax: unknown = null;
    try {
      b.prepare("SELEC 1");
    } catch (e) {
      syntax = e;
    }
    ok(syntax !== null && !isDatabaseBusy(syntax));
    ok(!isDatabaseBusy(new Error("database is locked")));
    ok(!isDatabaseBusy(null));
    a.exec("ROLLBACK");
  } finally {
    a.close();
    b.close();
    await Deno.remove(dir, { recursive: true });
  }
});
