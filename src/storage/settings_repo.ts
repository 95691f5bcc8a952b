/** Settings stored in the database (changed from the web); config values are the defaults. */

import type { Database } from "./database.ts";

/** The stored JSON value of a setting, or undefined when not overridden. */
export function getSetting<T>(db: Database, key: string): T | undefined {
  const row = db.get<{ value: string }>("SELECT value FROM settings WHERE key = ?", key);
  return row ? JSON.parse(row.value) as T : undefined;
}

/** Store a setting (the caller audits the change). */
export function putSetting(
  db: Database,
  key: string,
  value: unknown,
  by: string,
  at: string,
): void {
  db.run(
    `INSERT INTO settings (key, value, updated_by, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by,
       updated_at = excluded.updated_at`,
    key,
    JSON.stringify(value),
    by,
    at,
  );
}

/** Remove an override so the config value applies again. */
export function deleteSetting(db: Database, key: string): void {
  db.run("DELETE FROM settings WHERE key = ?", key);
}
