/** Read-only journal views: a preview for the web and the list of past exports. */

import type { AppContext } from "../app_context.ts";
import { microsToDecimal } from "../domain/money.ts";
import { minorDecimal } from "../domain/money_format.ts";
import { parsePeriod } from "../domain/period.ts";
import { listJournalExportRows } from "../storage/mod.ts";
import { readCsvRows } from "../domain/csv_read_rows.ts";
import {
  buildJournal,
  type ExportJournalOptions,
  journalCsvOptions,
  type JournalFormat,
} from "./export_journal.ts";

/** The first lines of a journal and its totals; nothing is written or recorded. */
export interface JournalPreview {
  period: string;
  format: JournalFormat;
  template: string | null;
  rows: number;
  charges: number;
  debitTotal: string;
  creditTotal: string;
  checksum: string;
  pendingExcluded: number;
  /** The header line and up to maxRows data lines, without line endings. */
  lines: string[];
  /** True when the journal has more lines than shown. */
  truncated: boolean;
  /** The header and up to maxRows data rows as cells (the journal's delimiter), for a table. */
  table: string[][];
}

/**
 * Build the journal like exportJournal (same refusals) and return its first
 * `maxRows` data lines. A line is a text line: a value with an embedded line
 * break spans two.
 */
export async function previewJournal(
  ctx: AppContext,
  opts: Omit<ExportJournalOptions, "output">,
  maxRows: number,
): Promise<JournalPreview> {
  const built = await buildJournal(ctx, opts);
  const all = built.content.split(/\r?\n/);
  if (all[all.length - 1] === "") all.pop();
  const lines = all.slice(0, Math.max(0, maxRows) + 1);
  return {
    period: built.period,
    format: built.format,
    template: built.template,
    rows: built.rows,
    charges: built.charges,
    debitTotal: minorDecimal(built.debitTotal, built.currency),
    creditTotal: minorDecimal(built.creditTotal, built.currency),
    checksum: built.checksum,
    pendingExcluded: built.pendingExcluded,
    lines,
    truncated: all.length > lines.length,
    table: readCsvRows(built.content, journalCsvOptions(ctx).delimiter ?? ",", maxRows + 1),
  };
}

/** One recorded export (the `journal list --json` shape). */
export interface JournalExportInfo {
  id: number;
  period: string;
  format: string;
  template: string | null;
  includePending: boolean;
  path: string | null;
  rows: number;
  charges: number;
  debitTotal: string;
  creditTotal: string;
  checksum: string;
  exportedBy: string;
  exportedAt: string;
}

/** Recorded exports of a period (or of all periods), newest first. */
export function listJournalExports(ctx: AppContext, period?: string): JournalExportInfo[] {
  const p = period === undefined ? undefined : parsePeriod(period);
  return listJournalExportRows(ctx.db, p).map((r) => ({
    id: r.id,
    period: r.period,
    format: r.format,
    template: r.template,
    includePending: r.include_pending === 1,
    path: r.path,
    rows: r.rows,
    charges: r.charges,
    debitTotal: microsToDecimal(r.debit_total),
    creditTotal: microsToDecimal(r.credit_total),
    checksum: r.checksum,
    exportedBy: r.exported_by,
    exportedAt: r.exported_at,
  }));
}
