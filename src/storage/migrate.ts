/**
 * Apply the numbered migrations in one transaction, recording each with a
 * checksum; refuse a database written by a newer version or with a history
 * that differs from ours.
 */

import { createHash } from "node:crypto";
import { UserError } from "../domain/errors.ts";
import type { Database } from "./database.ts";
import { type Migration, MIGRATIONS } from "./migrations/mod.ts";

function checksum(sql: string): string {
  return createHash("sha256").update(sql).digest("hex");
}

/** Bring `db` to the current schema version. */
export function applyMigrations(db: Database, migrations: Migration[] = MIGRATIONS): void {
  db.sql.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db.all<{ version: number; name: string; checksum: string }>(
    "SELECT version, name, checksum FROM schema_migrations ORDER BY version",
  );
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const newest = applied[applied.length - 1]?.version ?? 0;
  if (newest > latest) {
    throw new UserError(
      `database ${db.path} has schema version ${newest}, newer than this program's ${latest}.`,
      { hint: "Upgrade openchargeback (or restore a backup made by this version)." },
    );
  }
  for (const row of applied) {
    const m = migrations.find((x) => x.version === row.version);
    if (!m || m.name !== row.name) {
      throw new UserError(
        `database ${db.path} has migration ${row.version} '${row.name}' that this program does not know.`,
        { hint: "The database was written by another build; restore a backup or use that build." },
      );
    }
    if (checksum(m.sql) !== row.checksum) {
      throw new UserError(
        `database ${db.path}: migration ${row.version} '${row.name}' differs from the one applied.`,
        { hint: "The schema history does not match; restore a backup made by this version." },
      );
    }
  }
  const pending = migrations.filter((m) => m.version > newest);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const m of pending) {
      db.sql.exec(m.sql);
      db.run(
        "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
        m.version,
        m.name,
        checksum(m.sql),
        new Date().toISOString(),
      );
    }
  });
}

/** The schema version recorded in `db`. */
export function schemaVersion(db: Database): number {
  return db.get<{ v: number | null }>("SELECT max(version) AS v FROM schema_migrations")?.v ?? 0;
}
