/**
 * Where a journal goes: the default file name, a unique path, and an atomic
 * write (temp file in the same folder, then rename) so a reader never sees a
 * half-written journal.
 */

import { basename, dirname, join, resolve } from "node:path";
import { UserError } from "../domain/errors.ts";

/** "YYYYmmdd_HHMMSS" of a time, in UTC (so a pinned clock gives a fixed name). */
export function fileStamp(now: Date): string {
  const iso = now.toISOString(); // 2025-02-03T10:00:00.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}_${iso.slice(11, 13)}${
    iso.slice(14, 16)
  }${iso.slice(17, 19)}`;
}

/** `journal_<period>_<YYYYmmdd_HHMMSS>.csv`. */
export function defaultJournalFileName(period: string, now: Date): string {
  return `journal_${period}_${fileStamp(now)}.csv`;
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

function isDirectory(path: string): boolean {
  try {
    return Deno.statSync(path).isDirectory;
  } catch {
    return false;
  }
}

/**
 * The file to write: `output` (a file, or an existing folder to put the
 * default name in) or `journalDir`/default name. A default name that already
 * exists (two exports in the same second) gets `_2`, `_3`... An explicit file
 * path is replaced.
 */
export function journalTargetPath(
  output: string | undefined,
  journalDir: string,
  period: string,
  now: Date,
): string {
  const name = defaultJournalFileName(period, now);
  if (output && !isDirectory(output)) return resolve(output);
  const dir = resolve(output ?? journalDir);
  let path = join(dir, name);
  for (let n = 2; exists(path); n++) path = join(dir, name.replace(/\.csv$/, `_${n}.csv`));
  return path;
}

/** A written temp file waiting to be renamed into place. */
export interface StagedFile {
  tempPath: string;
  finalPath: string;
  /** Move the temp file into place (atomic rename on the same file system). */
  commit(): void;
  /** Remove the temp file if it is still there. */
  discard(): void;
}

/** Write `content` to a temp file beside `finalPath` (creating the folder). */
export function stageFile(finalPath: string, content: string): StagedFile {
  const dir = dirname(finalPath);
  try {
    Deno.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UserError(`cannot create folder ${dir}: ${(e as Error).message}.`, {
      hint: "Check output.journal_dir / -o and the folder's permissions.",
    });
  }
  const tempPath = join(dir, `.${basename(finalPath)}.${crypto.randomUUID().slice(0, 8)}.tmp`);
  try {
    Deno.writeTextFileSync(tempPath, content);
  } catch (e) {
    throw new UserError(`cannot write ${finalPath}: ${(e as Error).message}.`, {
      hint: "Check the output path and the folder's permissions.",
    });
  }
  return {
    tempPath,
    finalPath,
    commit: () => Deno.renameSync(tempPath, finalPath),
    discard: () => {
      try {
        Deno.removeSync(tempPath);
      } catch {
        // already renamed or never written
      }
    },
  };
}
