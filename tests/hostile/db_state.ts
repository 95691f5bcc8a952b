/** The state of a database file as figures a test can compare: counts, sums, a digest of the rows. */

import { createHash } from "node:crypto";
import { DatabaseSync } from "node:sqlite";

/** Charges of one source (or all), imports, statements, journals, audit entries. */
export interface DbState {
  integrity: string;
  charges: number;
  billedMicros: number;
  /** SHA-256 over (source, period, fingerprint, occurrence, billed, review status) in order. */
  digest: string;
  imports: number;
  auditEntries: number;
}

/** Read the state of the database at `path` (queries only; `source` limits charges to one source). */
export function readDbState(path: string, source?: string): DbState {
  const db = new DatabaseSync(path); // read-write: a crashed writer may leave a WAL to recover
  // another CLI may be writing (the acceptances run two at a time): wait as the program does
  db.exec("PRAGMA busy_timeout = 30000");
  try {
    const integrity = (db.prepare("PRAGMA integrity_check").get() as { integrity_check: string })
      .integrity_check;
    const where = source ? "WHERE c.source_id = (SELECT id FROM sources WHERE name = ?)" : "";
    const params = source ? [source] : [];
    const rows = db.prepare(
      `SELECT c.source_id, c.period, c.fingerprint, c.occurrence, c.billed_cost, c.review_status
       FROM charges c ${where} ORDER BY c.source_id, c.period, c.fingerprint, c.occurrence`,
    ).all(...params) as Record<string, unknown>[];
    const hash = createHash("sha256");
    let billed = 0;
    for (const r of rows) {
      hash.update(Object.values(r).join("|") + "\n");
      billed += Number(r.billed_cost);
    }
    const count = (sql: string) => Number((db.prepare(sql).get() as { n: number }).n);
    return {
      integrity,
      charges: rows.length,
      billedMicros: billed,
      digest: hash.digest("hex"),
      imports: count("SELECT count(*) AS n FROM imports"),
      // a refused delivery is recorded as import.refused (and nothing else changes)
      auditEntries: count("SELECT count(*) AS n FROM audit_log WHERE action != 'import.refused'"),
    };
  } finally {
    db.close();
  }
}

/** The rows of one query on the database file at `path` (its own short-lived connection). */
export function queryDb<T>(path: string, text: string): T[] {
  const c = new DatabaseSync(path);
  try {
    return c.prepare(text).all() as T[];
  } finally {
    c.close();
  }
}
