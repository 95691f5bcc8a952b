/** The `--json` shapes of the journal commands (docs/cli-json.md is the contract). */

import type { JournalResult } from "./export_journal.ts";

/** `export-journal --json`: the export written, in the documented key order. */
export interface ExportJournalJson {
  period: string;
  format: string;
  path: string | null;
  rows: number;
  debitTotal: string;
  creditTotal: string;
  checksum: string;
  template: string | null;
  charges: number;
  pendingExcluded: number;
}

/** The `export-journal --json` shape of an export. */
export function exportJournalJson(r: JournalResult): ExportJournalJson {
  return {
    period: r.period,
    format: r.format,
    path: r.path,
    rows: r.rows,
    debitTotal: r.debitTotal,
    creditTotal: r.creditTotal,
    checksum: r.checksum,
    template: r.template,
    charges: r.charges,
    pendingExcluded: r.pendingExcluded,
  };
}
