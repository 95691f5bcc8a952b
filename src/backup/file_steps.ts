/** Small file-system steps shared by backup and restore: temp names, fsync, quiet removal. */

import { basename, dirname, join } from "node:path";

/** A hidden temporary name beside `path` (same folder, so a rename is atomic). */
export function tempNameBeside(path: string, purpose: string): string {
  return join(dirname(path), `.${basename(path)}.${purpose}-${Deno.pid}`);
}

/** Flush a file's content to disk. */
export function syncFile(path: string): void {
  const f = Deno.openSync(path, { read: true, write: true });
  try {
    f.syncSync();
  } finally {
    f.close();
  }
}

/** Flush a folder entry (after a rename); ignored where the platform refuses it. */
export function syncFolder(path: string): void {
  try {
    const f = Deno.openSync(path, { read: true });
    try {
      f.syncSync();
    } finally {
      f.close();
    }
  } catch {
    // not supported on every platform; the rename itself is still atomic
  }
}

/** Remove a file when it exists. */
export function removeIfExists(path: string): void {
  try {
    Deno.removeSync(path);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
}

/** True when something exists at `path`. */
export function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A compact UTC stamp for file names: 20250203T100000Z. */
export function fileStamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}
