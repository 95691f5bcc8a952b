/**
 * `db archive --before YYYY-MM`: move finalized periods out of the live database into a
 * read-only archive file, and `db unarchive --period P` to bring them back.
 *
 * The archive is written like a backup: the new archive (the old one plus the periods
 * moved now) is built under a temporary name beside it, checked (integrity, schema, the
 * same row counts as the live periods), flushed and renamed into place; only then are the
 * periods' rows deleted from the live database, in one audited transaction. A crash at any
 * moment leaves every row in the live database, in the archive, or in both; running the
 * command again finishes the move (rows keep their ids, so copying twice changes nothing).
 */

import { audit } from "../audit/mod.ts";
import { basename, dirname, join, resolve } from "node:path";
import type { AppContext } from "../app_context.ts";
import { RuleError, UserError } from "../domain/errors.ts";
import { parsePeriod } from "../domain/period.ts";
import {
  archivedPeriods,
  attachDatabase,
  copyDatabaseFileInto,
  copyPeriodRows,
  countPeriodRows,
  deletePeriodRecords,
  deletePeriodRows,
  detachDatabase,
  finalizedPeriodsBefore,
  idCollisions,
  openDatabase,
  useRollbackJournalFor,
} from "../storage/mod.ts";
import { exists, removeIfExists, syncFile, syncFolder, tempNameBeside } from "./file_steps.ts";
import { verifyDatabaseFile } from "./verify_database_file.ts";

/** The outcome of `db archive` / `db unarchive` (their `--json` shape). */
export interface ArchiveResult {
  archive: string;
  database: string;
  /** The periods moved by this run, oldest first. */
  periods: string[];
  /** Rows moved per table. */
  rows: Record<string, number>;
  /** Every period the archive holds afterwards. */
  archivedPeriods: string[];
  bytes: number;
  at: string;
}

/** The archive file of a context: `--to`, else database.archive_path, else beside the db. */
export function archivePathOf(ctx: AppContext, explicit?: string): string {
  const configured = explicit || ctx.config.database.archive_path;
  if (configured) return resolve(configured);
  const live = resolve(ctx.db.path);
  return join(dirname(live), `${basename(live).replace(/\.db$/, "")}-archive.db`);
}

function refuseLive(ctx: AppContext, path: string): void {
  const live = resolve(ctx.db.path);
  if (path === live || path === `${live}-wal` || path === `${live}-shm`) {
    throw new UserError(`the archive cannot be the live database ${live}.`, {
      hint: "Set database.archive_path (or --to) to another file.",
    });
  }
}

/** Build `path`'s next version under a temporary name: a copy of it, or a new database. */
function startArchiveCopy(path: string): string {
  const temp = tempNameBeside(path, "partial");
  removeIfExists(temp);
  Deno.mkdirSync(dirname(path), { recursive: true });
  if (exists(path)) {
    verifyDatabaseFile(path);
    copyDatabaseFileInto(path, temp);
  }
  openDatabase(temp).close(); // creates the schema, or migrates an older archive
  return temp;
}

function finishArchiveCopy(temp: string, path: string): number {
  syncFile(temp);
  const verified = verifyDatabaseFile(temp);
  Deno.renameSync(temp, path);
  syncFolder(dirname(path));
  return verified.bytes;
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  return Object.keys(a).every((k) => a[k] === (b[k] ?? 0));
}

/** Move every finalized period before `before` into the archive; audited as `db.archive`. */
export function archivePeriods(
  ctx: AppContext,
  options: { before: string; to?: string },
): ArchiveResult {
  const before = parsePeriod(options.before, "--before");
  const path = archivePathOf(ctx, options.to);
  refuseLive(ctx, path);
  // finalized periods before the month that still hold rows here (an archived one stays listed)
  const periods = finalizedPeriodsBefore(ctx.db, before).filter((p) =>
    Object.values(countPeriodRows(ctx.db, "main", [p])).some((n) => n > 0)
  );
  const at = ctx.now().toISOString();
  const temp = startArchiveCopy(path);
  let rows: Record<string, number> = {};
  let held: string[] = [];
  try {
    attachDatabase(ctx.db, temp, "arc");
    try {
      useRollbackJournalFor(ctx.db, "arc");
      if (periods.length > 0) {
        ctx.db.transaction(() => copyPeriodRows(ctx.db, "main", "arc", periods));
        rows = countPeriodRows(ctx.db, "main", periods);
        const copied = countPeriodRows(ctx.db, "arc", periods);
        if (!sameCounts(rows, copied)) {
          throw new RuleError(
            `the archive ${path} holds other rows under the same ids as ${periods.join(", ")}.`,
            { hint: "Archive into a new file (--to), or unarchive those periods first." },
          );
        }
      }
      held = archivedPeriods(ctx.db, "arc");
    } finally {
      detachDatabase(ctx.db, "arc");
    }
  } catch (e) {
    removeIfExists(temp);
    throw e;
  }
  const bytes = finishArchiveCopy(temp, path);
  if (periods.length > 0) {
    ctx.db.transaction(() => {
      deletePeriodRows(ctx.db, "main", periods);
      audit(ctx, "db.archive", { archive: path, periods, rows, bytes }, { entity: "database", at });
    });
  }
  return {
    archive: path,
    database: resolve(ctx.db.path),
    periods,
    rows,
    archivedPeriods: held,
    bytes,
    at,
  };
}

/** Bring archived periods back into the live database; audited as `db.unarchive`. */
export function unarchivePeriods(
  ctx: AppContext,
  options: { periods: string[]; from?: string },
): ArchiveResult {
  const periods = [...new Set(options.periods.map((p) => parsePeriod(p, "--period")))].sort();
  const path = archivePathOf(ctx, options.from);
  refuseLive(ctx, path);
  if (!exists(path)) {
    throw new UserError(`no archive at ${path}.`, {
      hint: "Name the archive with --from, or set database.archive_path.",
    });
  }
  verifyDatabaseFile(path);
  const at = ctx.now().toISOString();
  let rows: Record<string, number> = {};
  attachDatabase(ctx.db, path, "arc");
  try {
    const held = archivedPeriods(ctx.db, "arc");
    const missing = periods.filter((p) => !held.includes(p));
    if (missing.length > 0) {
      throw new UserError(`the archive ${path} does not hold ${missing.join(", ")}.`, {
        hint: `It holds: ${held.join(", ") || "nothing"}.`,
      });
    }
    rows = countPeriodRows(ctx.db, "arc", periods);
    const live = countPeriodRows(ctx.db, "main", periods);
    const restoredBefore = sameCounts(rows, live); // an earlier run stopped after this step
    if (!restoredBefore) {
      if (Object.values(live).some((n) => n > 0)) {
        throw new RuleError(
          `the live database already holds rows of ${periods.join(", ")}; nothing was changed.`,
        );
      }
      const clashes = idCollisions(ctx.db, "arc", "main", periods);
      if (clashes.length > 0) {
        throw new RuleError(
          `rows of ${periods.join(", ")} have ids now used in the live database ` +
            `(${clashes.join(", ")}); nothing was changed.`,
          { hint: "Read them in place with --archive instead." },
        );
      }
    }
    ctx.db.transaction(() => {
      if (!restoredBefore) copyPeriodRows(ctx.db, "arc", "main", periods);
      audit(ctx, "db.unarchive", { archive: path, periods, rows }, { entity: "database", at });
    });
  } finally {
    detachDatabase(ctx.db, "arc");
  }
  // the archive without those periods, written and swapped in like a new archive
  const temp = startArchiveCopy(path);
  let held: string[] = [];
  try {
    const arc = openDatabase(temp);
    try {
      arc.transaction(() => {
        deletePeriodRows(arc, "main", periods);
        deletePeriodRecords(arc, "main", periods);
      });
      held = archivedPeriods(arc, "main");
    } finally {
      arc.close();
    }
  } catch (e) {
    removeIfExists(temp);
    throw e;
  }
  const bytes = finishArchiveCopy(temp, path);
  return {
    archive: path,
    database: resolve(ctx.db.path),
    periods,
    rows,
    archivedPeriods: held,
    bytes,
    at,
  };
}
