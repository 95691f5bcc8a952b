/**
 * Emptying the database's data for a dev-mode reset: every table of billing
 * data, settings and rules is emptied; accounts (users, sessions, sign-in
 * attempts), the schema history and the append-only audit log are kept. A
 * new table must be put in one list or the other (tests/db_reset_test.ts).
 */

import type { Database } from "./database.ts";

/** Emptied by a reset, in this order (rollups before charges: no trigger work per row). */
export const RESET_TABLES = [
  "charge_rollups",
  "replaced_charges",
  "review_decisions",
  "charges",
  "charge_texts",
  "refused_imports",
  "imports",
  "email_log",
  "statements",
  "journal_exports",
  "periods",
  "sources",
  "attribution_rules",
  "pi_aliases",
  "pis",
  "fund_split_shares",
  "fund_splits",
  "fund_expiries",
  "settings",
] as const;

/** Kept by a reset. */
export const KEPT_TABLES = [
  "audit_log",
  "login_attempts",
  "schema_migrations",
  "sessions",
  "users",
] as const;

/** The tables of the database, by name. */
export function listTableNames(db: Database): string[] {
  return db.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  ).map((r) => r.name);
}

/** Empty RESET_TABLES (call inside a transaction); returns the rows removed per table. */
export function deleteResettableData(db: Database): Record<string, number> {
  db.sql.exec("PRAGMA defer_foreign_keys = ON"); // checked at commit, when all are gone
  const removed: Record<string, number> = {};
  for (const table of RESET_TABLES) removed[table] = db.run(`DELETE FROM ${table}`).changes;
  const seq = db.get("SELECT 1 AS x FROM sqlite_master WHERE name = 'sqlite_sequence'");
  if (seq) {
    db.run(
      `DELETE FROM sqlite_sequence WHERE name IN (${RESET_TABLES.map(() => "?").join(", ")})`,
      ...RESET_TABLES,
    );
  }
  return removed;
}
