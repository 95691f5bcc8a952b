/** Statement file names (safe, never overwriting an earlier revision) and atomic writes. */

import { basename, dirname, join, resolve } from "node:path";

/** A file-name part with only [A-Za-z0-9._-], at most `max` characters ("" -> "none"). */
export function safeFilePart(text: string, max = 60): string {
  const safe = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+|[._]+$/g, "").slice(0, max);
  return safe || "none";
}

/**
 * `<pdf_dir>/<period>/<number>_<pi-local-part>_<project>.pdf`, with `-rN`
 * after the number from revision 2 on so an earlier revision's file is kept.
 * Absolute (resolved against the current directory when pdf_dir is relative).
 */
export function statementPdfPath(
  pdfDir: string,
  period: string,
  number: string,
  revision: number,
  piEmail: string,
  project: string | null,
): string {
  const local = safeFilePart(piEmail.split("@")[0] ?? piEmail);
  const proj = safeFilePart(project ?? "all-projects");
  const rev = revision > 1 ? `-r${revision}` : "";
  return resolve(join(pdfDir, period, `${number}${rev}_${local}_${proj}.pdf`));
}

/**
 * Write `bytes` to `path` atomically: a temp file in the same folder, then a
 * rename, so a reader never sees half a file. Creates the folder.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  const dir = dirname(path);
  Deno.mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${Deno.pid}.${crypto.randomUUID().slice(0, 8)}.tmp`);
  try {
    Deno.writeFileSync(tmp, bytes);
    Deno.renameSync(tmp, path);
  } catch (e) {
    try {
      Deno.removeSync(tmp);
    } catch { /* already gone */ }
    throw e;
  }
}

/** True when a file exists at `path`. */
export function fileExists(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/** A file written under a temporary name beside its final path, moved into place by commit(). */
export interface StagedPdf {
  commit(): void;
  discard(): void;
}

/**
 * Write `bytes` to a hidden temp file beside `path` now; commit() renames it
 * into place (after the records are committed, so a crash never leaves a
 * final-name file without its record), discard() removes it.
 */
export function stagePdf(path: string, bytes: Uint8Array): StagedPdf {
  const dir = dirname(path);
  Deno.mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${Deno.pid}.${crypto.randomUUID().slice(0, 8)}.tmp`);
  Deno.writeFileSync(tmp, bytes);
  const discard = () => {
    try {
      Deno.removeSync(tmp);
    } catch { /* already moved or gone */ }
  };
  return { commit: () => Deno.renameSync(tmp, path), discard };
}
