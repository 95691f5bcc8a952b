/** The public JSON shape of `imports list` (money as decimal strings). */

import { microsToDecimal } from "../domain/money.ts";
import type { ImportRecord } from "./import_history.ts";

/** An `imports list --json` element. */
export function importRecordJson(r: ImportRecord) {
  return {
    id: r.id,
    source: r.source.name,
    files: r.files.map((f) => f.name),
    mode: r.mode,
    periods: r.periods,
    rows: r.rows,
    added: r.added,
    removed: r.removed,
    unchanged: r.unchanged,
    flagged: r.flagged,
    billedCost: microsToDecimal(r.billedCost),
    status: r.status,
    importedBy: r.importedBy,
    importedAt: r.importedAt,
    reverted: r.reverted,
  };
}
