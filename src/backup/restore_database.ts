/**
 * `db restore`: put a verified backup in place of the live database. Only
 * while nobody else has the database open (no `serve`, no running command):
 * the live file is taken exclusively, switched out of WAL mode so it is one
 * complete file, kept beside as `<db>.before-restore-<stamp>`, and the
 * backup (copied and flushed under a temporary name in the same folder) is
 * renamed over it in one atomic step. A crash at any moment leaves either the
 * old or the restored database under the live name, never a mix.
 */

import { audit } from "../audit/mod.ts";
import { basename, dirname, resolve } from "node:path";
import { UserError } from "../domain/errors.ts";
import {
  copyDatabaseFileInto,
  holdDatabaseExclusively,
  openDatabase,
  schemaVersion,
} from "../storage/mod.ts";
import {
  exists,
  fileStamp,
  removeIfExists,
  syncFile,
  syncFolder,
  tempNameBeside,
} from "./file_steps.ts";
import { type VerifiedDatabaseFile, verifyDatabaseFile } from "./verify_database_file.ts";

/** What to restore, and who does it. */
export interface RestoreRequest {
  /** The live database file (database.path of the config). */
  databasePath: string;
  /** The backup file to restore. */
  backupPath: string;
  actor: string;
  now: () => Date;
  /** How long to wait for another process to let go of the database (ms). */
  waitMs?: number;
}

/** The outcome of a restore (the `db restore --json` shape). */
export interface RestoreResult {
  from: string;
  database: string;
  /** Schema version of the backup, and of the database after migrations. */
  backupSchemaVersion: number;
  schemaVersion: number;
  /** Where the replaced database was kept, null when there was none. */
  previousSavedAs: string | null;
  counts: VerifiedDatabaseFile["counts"];
  at: string;
}

/** Restore a backup over the live database; audited as `db.restore` in the restored database. */
export function restoreDatabase(req: RestoreRequest): RestoreResult {
  const from = resolve(req.backupPath);
  const live = resolve(req.databasePath);
  if (from === live) {
    throw new UserError(`${req.backupPath} is the live database itself.`, {
      hint: "Name a backup file written by `openchargeback db backup`.",
    });
  }
  const verified = verifyDatabaseFile(req.backupPath);
  const folder = dirname(live);
  Deno.mkdirSync(folder, { recursive: true });
  const temp = tempNameBeside(live, "restoring");
  removeIfExists(temp);
  const at = req.now();
  let previousSavedAs: string | null = null;
  try {
    copyDatabaseFileInto(from, temp);
    syncFile(temp);
    if (exists(live)) {
      const hold = holdDatabaseExclusively(live, req.waitMs ?? 3000);
      try {
        previousSavedAs = freeName(`${live}.before-restore-${fileStamp(at)}`);
        Deno.copyFileSync(live, previousSavedAs);
        syncFile(previousSavedAs);
        removeIfExists(`${live}-wal`);
        removeIfExists(`${live}-shm`);
        Deno.renameSync(temp, live);
        syncFolder(folder);
      } finally {
        hold.release();
      }
    } else {
      Deno.renameSync(temp, live);
      syncFolder(folder);
    }
  } finally {
    removeIfExists(temp);
  }
  const db = openDatabase(live);
  try {
    const version = schemaVersion(db);
    audit({ db, actor: req.actor, now: () => at }, "db.restore", {
      from,
      backupSchemaVersion: verified.schemaVersion,
      schemaVersion: version,
      previousSavedAs: previousSavedAs ? basename(previousSavedAs) : null,
    }, { entity: "database", at: at.toISOString() });
    return {
      from,
      database: live,
      backupSchemaVersion: verified.schemaVersion,
      schemaVersion: version,
      previousSavedAs,
      counts: verified.counts,
      at: at.toISOString(),
    };
  } finally {
    db.close();
  }
}

function freeName(base: string): string {
  if (!exists(base)) return base;
  for (let i = 2;; i++) if (!exists(`${base}-${i}`)) return `${base}-${i}`;
}
