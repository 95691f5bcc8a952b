/** The public JSON shapes of `imports list` and `imports revert` (money as decimal strings). */

import { moneyTotalsJson } from "../domain/currency_totals.ts";
import { microsToDecimal } from "../domain/money.ts";
import type { ImportRecord } from "./import_history.ts";
import type { RevertOutcome } from "./import_revert.ts";

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

/** The `imports revert --json` document. */
export function revertOutcomeJson(o: RevertOutcome) {
  const removed = moneyTotalsJson(o.removed.money);
  const restored = moneyTotalsJson(o.restored.money);
  return {
    importId: o.importId,
    periods: o.periods,
    removed: { charges: o.removed.count, billedCost: removed.billedCost, totals: billed(removed) },
    restored: {
      charges: o.restored.count,
      billedCost: restored.billedCost,
      totals: billed(restored),
    },
    staleStatements: o.staleStatements,
    note: o.note,
    at: o.at,
  };
}

function billed(m: ReturnType<typeof moneyTotalsJson>) {
  return m.totals.map((t) => ({ currency: t.currency, billedCost: t.billedCost }));
}
