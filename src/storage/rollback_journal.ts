/**
 * One big write with SQLite's rollback journal instead of the WAL.
 *
 * In WAL mode every page a transaction writes goes to the `-wal` file first
 * and is copied into the database by the checkpoint after the commit: a
 * 1,000,000-row first import wrote its ~1 GB twice and spent ~5-10 s on it
 * (docs/development/performance.md). With the rollback journal, new pages
 * are written once and only the original content of changed pages is
 * journaled. The journal mode can only change while no other connection has
 * the database open, so a writer that is alone (a cron job, the usual case)
 * switches for its transaction and back to WAL afterwards; with a web server
 * or another command connected it stays in WAL, as before. A connection that
 * opens while the write runs waits for it (busy timeout), as with any
 * rollback-journal writer.
 */

import type { Database } from "./database.ts";

/**
 * Run `fn` (one synchronous write transaction) with the rollback journal and
 * `synchronous = FULL` when this connection is the database's only one;
 * otherwise, or for an in-memory database, just run it in WAL mode. The WAL
 * is restored afterwards, also when `fn` throws. Returns what `fn` returns.
 */
export function withRollbackJournal<T>(db: Database, fn: () => T): T {
  if (db.path === ":memory:" || db.sql.isTransaction || !trySetJournalMode(db, "delete")) {
    return fn();
  }
  db.sql.exec("PRAGMA synchronous = FULL");
  try {
    return fn();
  } finally {
    db.sql.exec("PRAGMA synchronous = NORMAL");
    // refused only when a connection that opened meanwhile is reading at this
    // moment: the file stays in rollback mode until the next openDatabase()
    // that finds it free (tested in rollback_journal_test.ts)
    trySetJournalMode(db, "wal");
  }
}

/** The journal mode of the connection's database ("wal", "delete", ...). */
export function journalMode(db: Database): string {
  const row = db.sql.prepare("PRAGMA journal_mode").get() as { journal_mode: string };
  return String(row.journal_mode).toLowerCase();
}

/**
 * Set the journal mode without waiting: true when it is now `mode`, false
 * when another connection holds the database (SQLITE_BUSY). Other errors
 * (not a database, read-only file) are thrown.
 */
export function trySetJournalMode(db: Database, mode: "wal" | "delete"): boolean {
  const timeout = db.sql.prepare("PRAGMA busy_timeout").get() as { timeout: number };
  db.sql.exec("PRAGMA busy_timeout = 0");
  try {
    const row = db.sql.prepare(`PRAGMA journal_mode = ${mode}`).get() as { journal_mode: string };
    return String(row.journal_mode).toLowerCase() === mode;
  } catch (e) {
    if (isDatabaseBusy(e)) return false;
    throw e;
  } finally {
    db.sql.exec(`PRAGMA busy_timeout = ${Math.trunc(Number(timeout.timeout))}`);
  }
}

/**
 * True for SQLite's "database is locked" (SQLITE_BUSY) from node:sqlite:
 * prepared statements give its code, `exec()` only the message.
 */
export function isDatabaseBusy(e: unknown): boolean {
  const err = e as { errcode?: unknown; code?: unknown; message?: unknown } | null;
  if (typeof err?.errcode === "number") return (err.errcode & 0xff) === 5;
  return err?.code === "ERR_SQLITE_ERROR" && typeof err.message === "string" &&
    err.message.startsWith("database is locked");
}
