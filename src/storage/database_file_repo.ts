/**
 * Whole-database-file operations for backup and restore: a consistent online
 * copy (VACUUM INTO), read-only inspection of a copy, and taking the live file
 * over exclusively so it can be replaced while nobody else has it open.
 */

import { DatabaseSync } from "node:sqlite";
import { RuleError, UserError } from "../domain/errors.ts";
import type { Database } from "./database.ts";

/**
 * Write a consistent copy of `db` to `target` (which must not exist) with
 * VACUUM INTO: one read transaction, so writers in WAL mode are not blocked
 * and the copy is a snapshot of one moment. The copy is a single file.
 */
export function copyDatabaseInto(db: Database, target: string): void {
  db.sql.prepare("VACUUM INTO ?").run(target);
}

/** One recorded migration of a database file. */
export interface RecordedMigration {
  version: number;
  name: string;
  checksum: string;
}

/** What a database file holds, read without changing it. */
export interface DatabaseFileFacts {
  /** The lines of PRAGMA integrity_check: ["ok"] when sound. */
  integrity: string[];
  migrations: RecordedMigration[];
  /** Row counts of the main tables (absent tables count 0). */
  counts: { charges: number; imports: number; auditEntries: number; statements: number };
}

/** Open `path` read-only and report its integrity, schema history and counts. */
export function inspectDatabaseFile(path: string): DatabaseFileFacts {
  let sql: DatabaseSync;
  try {
    sql = new DatabaseSync(path, { readOnly: true });
  } catch (e) {
    throw new UserError(`cannot open ${path}: ${(e as Error).message}.`);
  }
  try {
    const integrity = sql.prepare("PRAGMA integrity_check").all()
      .map((r) => String((r as Record<string, unknown>).integrity_check));
    const tables = new Set(
      sql.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()
        .map((r) => String((r as Record<string, unknown>).name)),
    );
    const count = (table: string): number =>
      tables.has(table)
        ? Number((sql.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n)
        : 0;
    const migrations = tables.has("schema_migrations")
      ? sql.prepare("SELECT version, name, checksum FROM schema_migrations ORDER BY version").all()
        .map((r) => {
          const row = r as Record<string, unknown>;
          return {
            version: Number(row.version),
            name: String(row.name),
            checksum: String(row.checksum),
          };
        })
      : [];
    return {
      integrity,
      migrations,
      counts: {
        charges: count("charges"),
        imports: count("imports"),
        auditEntries: count("audit_log"),
        statements: count("statements"),
      },
    };
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`${path} is not a readable SQLite database: ${(e as Error).message}.`);
  } finally {
    sql.close();
  }
}

/** The live database held exclusively: nobody else can read or write it until release(). */
export interface ExclusiveHold {
  release(): void;
}

/**
 * Take the live database at `path` exclusively, switch it out of WAL mode
 * (checkpointing and removing the -wal file) and keep the lock until
 * release(). Refused with a RuleError when another connection (a running
 * `serve`, another command) has the file open.
 */
export function holdDatabaseExclusively(path: string, waitMs: number): ExclusiveHold {
  const sql = new DatabaseSync(path);
  try {
    sql.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(waitMs))}`);
    sql.exec("PRAGMA locking_mode = EXCLUSIVE");
    sql.exec("BEGIN EXCLUSIVE");
    sql.exec("COMMIT");
    const mode = sql.prepare("PRAGMA journal_mode = DELETE").get() as { journal_mode: string };
    if (String(mode.journal_mode).toLowerCase() !== "delete") {
      throw new Error(`journal mode stayed ${mode.journal_mode}`);
    }
  } catch (e) {
    sql.close();
    const message = (e as Error).message;
    if (/locked|busy/i.test(message)) {
      throw new RuleError(`the database ${path} is in use by another process.`, {
        hint: "Stop `openchargeback serve` and any running command (cron jobs), then retry.",
      });
    }
    throw new UserError(`cannot take over the database ${path}: ${message}.`);
  }
  return { release: () => sql.close() };
}

/**
 * Write a consistent single-file copy of the database file at `source` (read
 * only, its -wal included) to `target`, which must not exist.
 */
export function copyDatabaseFileInto(source: string, target: string): void {
  const sql = new DatabaseSync(source, { readOnly: true });
  try {
    sql.prepare("VACUUM INTO ?").run(target);
  } finally {
    sql.close();
  }
}
