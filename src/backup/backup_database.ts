/**
 * `db backup`: an online, consistent copy of the live database. VACUUM INTO
 * reads one snapshot (WAL mode: the web server and other commands keep
 * working), writes it under a temporary name beside the target, which is
 * verified and flushed, then renamed into place: the target name never holds
 * a partial copy.
 */

import { audit } from "../audit/mod.ts";
import { dirname, resolve } from "node:path";
import type { AppContext } from "../app_context.ts";
import { UserError } from "../domain/errors.ts";
import { copyDatabaseInto } from "../storage/mod.ts";
import { exists, removeIfExists, syncFile, syncFolder, tempNameBeside } from "./file_steps.ts";
import { type VerifiedDatabaseFile, verifyDatabaseFile } from "./verify_database_file.ts";

/** Options of backupDatabase. */
export interface BackupOptions {
  /** Replace an existing file at the target. */
  force?: boolean;
}

/** The outcome of a backup (the `db backup --json` shape). */
export interface BackupResult extends VerifiedDatabaseFile {
  database: string;
  at: string;
}

/** Copy the live database of `ctx` to `target`; audited as `db.backup`. */
export function backupDatabase(
  ctx: AppContext,
  target: string,
  options: BackupOptions = {},
): BackupResult {
  const path = resolve(target);
  const live = resolve(ctx.db.path);
  if (path === live || path === `${live}-wal` || path === `${live}-shm`) {
    throw new UserError(`the backup cannot overwrite the live database ${live}.`, {
      hint: "Name a file elsewhere, e.g. /backup/billing-2025-02-03.db.",
    });
  }
  if (exists(path) && !options.force) {
    throw new UserError(`${target} already exists.`, {
      hint: "Name a new file, or pass --force to replace it.",
    });
  }
  Deno.mkdirSync(dirname(path), { recursive: true });
  const temp = tempNameBeside(path, "partial");
  removeIfExists(temp);
  let verified: VerifiedDatabaseFile;
  try {
    try {
      copyDatabaseInto(ctx.db, temp);
    } catch (e) {
      throw new UserError(`cannot write the backup ${target}: ${(e as Error).message}.`, {
        hint: "Check the folder exists, is writable and has free space.",
      });
    }
    syncFile(temp);
    verified = verifyDatabaseFile(temp);
    Deno.renameSync(temp, path);
    syncFolder(dirname(path));
  } catch (e) {
    removeIfExists(temp);
    throw e;
  }
  const at = ctx.now().toISOString();
  audit(ctx, "db.backup", { path, bytes: verified.bytes, schemaVersion: verified.schemaVersion }, {
    entity: "database",
    at,
  });
  return { ...verified, path, database: live, at };
}
