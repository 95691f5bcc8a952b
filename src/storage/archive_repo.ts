/**
 * Moving whole periods between the live database and an archive file (`db archive`,
 * `db unarchive`). The archive is a database of the same schema that holds only the
 * archived periods' rows, so every read command can run on it (`--archive FILE`).
 *
 * Which rows belong to a period is decided from the schema itself, so a table added by a
 * later migration is carried without a change here:
 * - a table with a `period` column is moved by period (charges, statements, email log,
 *   journal exports, ...), except the tables listed in KEPT;
 * - a table with a `charge_id` column is moved with its charges (review decisions);
 * - `sources`, `periods` and `imports` are copied and stay in the live database too: they
 *   are the small reference rows the moved ones point at (a finalized period stays listed);
 * - `charge_rollups` is derived: the triggers of the receiving database rebuild it as the
 *   charges arrive, and those of the live database empty it as they leave;
 * - `charge_texts` (the texts the charges reference by id, charge_texts.ts) is copied whole
 *   and never deleted: ids are never reused, so the copies agree (idCollisions checks).
 */

import type { Database } from "./database.ts";

/** Tables never moved by period: reference rows, the audit log, derived and web tables. */
const KEPT = new Set([
  "periods",
  "sources",
  "imports",
  "audit_log",
  "charge_rollups",
  "charge_texts",
  "schema_migrations",
  "settings",
  "users",
  "sessions",
  "login_attempts",
]);

/** Reference tables copied (never deleted) so the moved rows' keys resolve. */
const COPIED = ["sources", "periods", "imports"];

/** How the rows of one table follow a period. */
export interface PeriodTable {
  name: string;
  /** "period": its own period column; "charge": its charge_id column. */
  link: "period" | "charge";
  columns: string[];
}

function quoteId(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function tableColumns(db: Database, schema: string, table: string): string[] {
  return db.all<{ name: string }>(
    `SELECT name FROM pragma_table_info(?, ?) ORDER BY cid`,
    table,
    schema,
  ).map((r) => r.name);
}

/** The tables whose rows are moved with a period, in insert order (charges first). */
export function periodTables(db: Database, schema = "main"): PeriodTable[] {
  const names = db.all<{ name: string }>(
    `SELECT name FROM ${quoteId(schema)}.sqlite_master
     WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
  ).map((r) => r.name);
  const byPeriod: PeriodTable[] = [];
  const byCharge: PeriodTable[] = [];
  for (const name of names) {
    if (KEPT.has(name)) continue;
    const columns = tableColumns(db, schema, name);
    if (columns.includes("period")) byPeriod.push({ name, link: "period", columns });
    else if (columns.includes("charge_id")) byCharge.push({ name, link: "charge", columns });
  }
  byPeriod.sort((a, b) => (a.name === "charges" ? -1 : b.name === "charges" ? 1 : 0));
  return [...byPeriod, ...byCharge];
}

function whereOf(t: PeriodTable, schema: string, marks: string, alias = ""): string {
  return t.link === "period"
    ? `${alias}period IN (${marks})`
    : `${alias}charge_id IN (SELECT id FROM ${quoteId(schema)}.charges WHERE period IN (${marks}))`;
}

/**
 * Copy the rows of `periods` from schema `from` to schema `to` of one connection (the
 * other file ATTACHed). Reference rows are inserted when missing; moved tables' rows keep
 * their ids. Returns the rows copied per table.
 */
export function copyPeriodRows(
  db: Database,
  from: string,
  to: string,
  periods: string[],
): Record<string, number> {
  const marks = periods.map(() => "?").join(", ");
  const copied: Record<string, number> = {};
  const insert = (table: string, columns: string[], where: string, params: string[]) => {
    const list = columns.map(quoteId).join(", ");
    return db.run(
      `INSERT OR IGNORE INTO ${quoteId(to)}.${quoteId(table)} (${list})
       SELECT ${list} FROM ${quoteId(from)}.${quoteId(table)} WHERE ${where}`,
      ...params,
    ).changes;
  };
  for (const table of COPIED) {
    const columns = tableColumns(db, to, table);
    const where = table === "periods"
      ? `period IN (${marks})`
      : table === "imports"
      ? `id IN (SELECT import_id FROM ${quoteId(from)}.charges WHERE period IN (${marks}))`
      : `id IN (SELECT source_id FROM ${quoteId(from)}.charges WHERE period IN (${marks}))`;
    insert(table, columns, where, periods);
  }
  db.run(
    `INSERT OR IGNORE INTO ${quoteId(to)}.charge_texts (id, value)
     SELECT id, value FROM ${quoteId(from)}.charge_texts`,
  );
  for (const t of periodTables(db, to)) {
    copied[t.name] = insert(t.name, t.columns, whereOf(t, from, marks), periods);
  }
  return copied;
}

/** Delete the moved rows of `periods` from schema `schema` (dependents first). */
export function deletePeriodRows(
  db: Database,
  schema: string,
  periods: string[],
): Record<string, number> {
  const marks = periods.map(() => "?").join(", ");
  const deleted: Record<string, number> = {};
  for (const t of periodTables(db, schema).reverse()) {
    deleted[t.name] = db.run(
      `DELETE FROM ${quoteId(schema)}.${quoteId(t.name)} WHERE ${whereOf(t, schema, marks)}`,
      ...periods,
    ).changes;
  }
  return deleted;
}

/** Delete the `periods` rows themselves (an archive giving periods back). */
export function deletePeriodRecords(db: Database, schema: string, periods: string[]): void {
  db.run(
    `DELETE FROM ${quoteId(schema)}.periods WHERE period IN (${periods.map(() => "?").join(", ")})`,
    ...periods,
  );
}

/** Rows per moved table that `periods` hold in `schema`. */
export function countPeriodRows(
  db: Database,
  schema: string,
  periods: string[],
): Record<string, number> {
  const marks = periods.map(() => "?").join(", ");
  const counts: Record<string, number> = {};
  for (const t of periodTables(db, schema)) {
    counts[t.name] = db.get<{ n: number }>(
      `SELECT count(*) AS n FROM ${quoteId(schema)}.${quoteId(t.name)} WHERE ${
        whereOf(t, schema, marks)
      }`,
      ...periods,
    )?.n ?? 0;
  }
  return counts;
}

/**
 * Rows of `periods` in schema `from` whose id is already taken by a different row in
 * schema `to` (a restore would overwrite them): the table names, empty when none.
 */
export function idCollisions(db: Database, from: string, to: string, periods: string[]): string[] {
  const marks = periods.map(() => "?").join(", ");
  const clashing: string[] = [];
  for (const t of periodTables(db, to)) {
    if (!t.columns.includes("id")) continue;
    const n = db.get<{ n: number }>(
      `SELECT count(*) AS n FROM ${quoteId(from)}.${quoteId(t.name)} a
       JOIN ${quoteId(to)}.${quoteId(t.name)} b ON b.id = a.id
       WHERE ${whereOf(t, from, marks, "a.")}`,
      ...periods,
    )?.n ?? 0;
    if (n > 0) clashing.push(t.name);
  }
  // the same text id must mean the same text on both sides (charge_texts.ts)
  const texts = db.get<{ n: number }>(
    `SELECT count(*) AS n FROM ${quoteId(from)}.charge_texts a
     JOIN ${quoteId(to)}.charge_texts b ON b.id = a.id OR b.value = a.value
     WHERE b.id != a.id OR b.value != a.value`,
  )?.n ?? 0;
  if (texts > 0) clashing.push("charge_texts");
  return clashing;
}

/** Attach another database file to this connection under `schema`. */
export function attachDatabase(db: Database, path: string, schema: string): void {
  db.prepare(`ATTACH DATABASE ? AS ${quoteId(schema)}`).run(path);
}

/** Detach a schema attached by attachDatabase. */
export function detachDatabase(db: Database, schema: string): void {
  db.sql.exec(`DETACH DATABASE ${quoteId(schema)}`);
}

/** Finalized periods before `before` (YYYY-MM, exclusive) that hold rows, oldest first. */
export function finalizedPeriodsBefore(db: Database, before: string, schema = "main"): string[] {
  return db.all<{ period: string }>(
    `SELECT period FROM ${quoteId(schema)}.periods
     WHERE status = 'finalized' AND period < ? ORDER BY period`,
    before,
  ).map((r) => r.period);
}

/** Every period the archive at `schema` lists, oldest first. */
export function archivedPeriods(db: Database, schema: string): string[] {
  return db.all<{ period: string }>(
    `SELECT period FROM ${quoteId(schema)}.periods ORDER BY period`,
  ).map((r) => r.period);
}

/** Make a connection refuse every write (an archive opened for reading). */
export function makeQueryOnly(db: Database): void {
  db.sql.exec("PRAGMA query_only = ON");
}

/** Switch an attached database to a single-file rollback journal (an archive file). */
export function useRollbackJournalFor(db: Database, schema: string): void {
  db.sql.exec(`PRAGMA ${quoteId(schema)}.journal_mode = DELETE`);
}

/** True for SQLite's refusal to write through a query-only connection (an archive). */
export function isReadOnlyRefusal(e: unknown): boolean {
  return e instanceof Error && /attempt to write a readonly database/i.test(e.message);
}
