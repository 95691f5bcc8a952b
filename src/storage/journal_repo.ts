/** Journal exports: the record of every general-ledger file written. */

import type { Database } from "./database.ts";

/** A journal export to record. Money in micro-units. */
export interface NewJournalExport {
  period: string;
  format: string;
  template: string | null;
  includePending: boolean;
  path: string | null;
  rows: number;
  charges: number;
  debitTotal: number;
  creditTotal: number;
  checksum: string;
  exportedBy: string;
  exportedAt: string;
}

/** A stored journal export. */
export interface JournalExportRow {
  id: number;
  period: string;
  format: string;
  template: string | null;
  include_pending: number;
  path: string | null;
  rows: number;
  charges: number;
  debit_total: number;
  credit_total: number;
  checksum: string;
  exported_by: string;
  exported_at: string;
}

/** Record one export; returns its id. The caller audits it in the same transaction. */
export function insertJournalExport(db: Database, e: NewJournalExport): number {
  return db.run(
    `INSERT INTO journal_exports (period, format, template, include_pending, path, rows, charges,
      debit_total, credit_total, checksum, exported_by, exported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    e.period,
    e.format,
    e.template,
    e.includePending ? 1 : 0,
    e.path,
    e.rows,
    e.charges,
    e.debitTotal,
    e.creditTotal,
    e.checksum,
    e.exportedBy,
    e.exportedAt,
  ).lastInsertRowid;
}

/** Exports of one period (or all), newest first. */
export function listJournalExportRows(db: Database, period?: string): JournalExportRow[] {
  return period
    ? db.all<JournalExportRow>(
      "SELECT * FROM journal_exports WHERE period = ? ORDER BY id DESC",
      period,
    )
    : db.all<JournalExportRow>("SELECT * FROM journal_exports ORDER BY id DESC");
}
