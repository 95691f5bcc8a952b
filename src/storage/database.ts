/**
 * The SQLite database: one file shared by CLI runs and the web server.
 * WAL mode, foreign keys, a busy timeout; migrations applied on open.
 */

import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { dirname } from "node:path";
import { UserError } from "../domain/errors.ts";
import { applyMigrations } from "./migrate.ts";
import { trySetJournalMode } from "./rollback_journal.ts";

/** Values accepted as SQL parameters. */
export type SqlValue = SQLInputValue;
/** A row as returned by node:sqlite. */
export type Row = Record<string, unknown>;

/** A database connection with a statement cache and transactions. */
export class Database {
  readonly sql: DatabaseSync;
  readonly path: string;
  #cache = new Map<string, StatementSync>();
  #depth = 0;

  constructor(sql: DatabaseSync, path: string) {
    this.sql = sql;
    this.path = path;
  }

  /** A prepared statement, compiled once per connection. */
  prepare(text: string): StatementSync {
    let stmt = this.#cache.get(text);
    if (!stmt) {
      stmt = this.sql.prepare(text);
      this.#cache.set(text, stmt);
    }
    return stmt;
  }

  /** All rows of a query. */
  all<T = Row>(text: string, ...params: SqlValue[]): T[] {
    return this.prepare(text).all(...params) as T[];
  }

  /** The first row of a query, or undefined. */
  get<T = Row>(text: string, ...params: SqlValue[]): T | undefined {
    return this.prepare(text).get(...params) as T | undefined;
  }

  /** Run a statement; returns changes and the last row id. */
  run(text: string, ...params: SqlValue[]): { changes: number; lastInsertRowid: number } {
    const r = this.prepare(text).run(...params);
    return { changes: Number(r.changes), lastInsertRowid: Number(r.lastInsertRowid) };
  }

  /**
   * Run `fn` in one write transaction (BEGIN IMMEDIATE, so a concurrent writer
   * waits for the busy timeout instead of failing half-way). Nested calls join
   * the outer transaction. Rolls back when `fn` throws.
   */
  transaction<T>(fn: () => T): T {
    if (this.#depth > 0) {
      this.#depth++;
      try {
        return fn();
      } finally {
        this.#depth--;
      }
    }
    this.sql.exec("BEGIN IMMEDIATE");
    this.#depth = 1;
    try {
      const result = fn();
      if (result instanceof Promise) {
        throw new Error("transaction() takes a synchronous function");
      }
      this.sql.exec("COMMIT");
      return result;
    } catch (e) {
      if (this.sql.isTransaction) this.sql.exec("ROLLBACK");
      throw e;
    } finally {
      this.#depth = 0;
    }
  }

  /** Begin a write transaction that spans async work (streamed ingest). Use with commit/rollback. */
  begin(): void {
    this.sql.exec("BEGIN IMMEDIATE");
    this.#depth = 1;
  }

  /** Commit the transaction opened by begin(). */
  commit(): void {
    this.sql.exec("COMMIT");
    this.#depth = 0;
  }

  /** Roll back the transaction opened by begin(), if still open. */
  rollback(): void {
    if (this.sql.isTransaction) this.sql.exec("ROLLBACK");
    this.#depth = 0;
  }

  close(): void {
    this.#cache.clear();
    if (this.sql.isOpen) this.sql.close();
  }
}

/** Options for openDatabase. */
export interface OpenOptions {
  busyTimeoutMs?: number;
  /** Create the parent folder when missing (default true). */
  create?: boolean;
}

/** Open (creating if needed) and migrate the database at `path`. */
export function openDatabase(path: string, options: OpenOptions = {}): Database {
  if (options.create !== false && path !== ":memory:") {
    Deno.mkdirSync(dirname(path), { recursive: true });
  }
  let sql: DatabaseSync;
  try {
    sql = new DatabaseSync(path);
  } catch (e) {
    throw new UserError(`cannot open database ${path}: ${(e as Error).message}.`, {
      hint: "Check database.path in the config and the folder's permissions.",
    });
  }
  const timeout = options.busyTimeoutMs ?? 30_000;
  sql.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(timeout))}`);
  const db = new Database(sql, path);
  try {
    // false while a bulk write holds the file in rollback mode (rollback_journal.ts):
    // this connection then waits for it like any reader, and a later open restores the WAL
    trySetJournalMode(db, "wal");
  } catch (e) {
    sql.close();
    throw new UserError(`${path} is not a usable SQLite database: ${(e as Error).message}.`);
  }
  sql.exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
  try {
    applyMigrations(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}
