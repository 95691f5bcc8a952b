/**
 * Check a database file before it is trusted as a backup or restored: sound
 * (PRAGMA integrity_check = ok), written by this program's schema history,
 * and not newer than this program.
 */

import { createHash } from "node:crypto";
import { UserError } from "../domain/errors.ts";
import { type DatabaseFileFacts, inspectDatabaseFile, MIGRATIONS } from "../storage/mod.ts";

/** A verified database file. */
export interface VerifiedDatabaseFile {
  path: string;
  bytes: number;
  schemaVersion: number;
  counts: DatabaseFileFacts["counts"];
}

/**
 * Verify the database file at `path`; throws UserError naming the file and
 * what is wrong (missing, not SQLite, damaged, newer schema, foreign history).
 */
export function verifyDatabaseFile(path: string): VerifiedDatabaseFile {
  let bytes: number;
  try {
    const info = Deno.statSync(path);
    if (!info.isFile) throw new UserError(`${path} is not a file.`);
    bytes = info.size;
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`backup file not found: ${path}.`, {
      hint: "Name a file written by `openchargeback db backup`.",
    });
  }
  if (bytes < 100 || !hasSqliteHeader(path)) {
    throw new UserError(`${path} is not an SQLite database.`, {
      hint: "Name a file written by `openchargeback db backup`.",
    });
  }
  const facts = inspectDatabaseFile(path);
  if (facts.integrity.length !== 1 || facts.integrity[0] !== "ok") {
    throw new UserError(
      `${path} is damaged: integrity check: ${facts.integrity.slice(0, 3).join("; ")}.`,
      { hint: "Use another backup." },
    );
  }
  const ours = MIGRATIONS[MIGRATIONS.length - 1].version;
  const version = facts.migrations.at(-1)?.version ?? 0;
  if (version === 0) {
    throw new UserError(`${path} is not an OpenChargeback database (no schema history).`);
  }
  if (version > ours) {
    throw new UserError(
      `${path} has schema version ${version}, newer than this program's ${ours}.`,
      { hint: "Restore it with the openchargeback version that made it (or a newer one)." },
    );
  }
  for (const m of facts.migrations) {
    const known = MIGRATIONS.find((x) => x.version === m.version);
    if (!known || known.name !== m.name || sha256(known.sql) !== m.checksum) {
      throw new UserError(
        `${path} has migration ${m.version} '${m.name}' that this program does not know.`,
        { hint: "The file was written by another build; restore it with that build." },
      );
    }
  }
  return { path, bytes, schemaVersion: version, counts: facts.counts };
}

function hasSqliteHeader(path: string): boolean {
  const file = Deno.openSync(path, { read: true });
  try {
    const head = new Uint8Array(16);
    const n = file.readSync(head) ?? 0;
    return n === 16 && new TextDecoder().decode(head) === "SQLite format 3\0";
  } finally {
    file.close();
  }
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
