/**
 * Undoing an import: `imports revert ID --note TEXT` (and the Revert button of
 * the web import page) removes exactly the charges that delivery added and,
 * when it replaced an earlier delivery's charges, brings those back (they were
 * archived when replaced: storage/import_revert_repo.ts). One transaction,
 * audited as `import.revert`. Only while every period it touched is open, and
 * newest first: a later delivery of the same source into those periods must be
 * reverted before this one. Statements already issued for those periods are
 * marked stale (their figures no longer match the charges).
 */

import { audit } from "../audit/mod.ts";
import type { AppContext } from "../app_context.ts";
import {
  combineCurrencyTotals,
  type MoneyTotals,
  moneyTotalsJson,
} from "../domain/currency_totals.ts";
import { NotFoundError, RuleError, UserError } from "../domain/errors.ts";
import { countOf } from "../domain/plural.ts";
import { assertPeriodsOpen } from "../periods/mod.ts";
import {
  deleteDeliveryCharges,
  deliveryChargeTotals,
  findImportForRevert,
  laterDeliveriesTouching,
  markImportReverted,
  markStatementsStale,
  replacedChargeTotals,
  restoreReplacedCharges,
} from "../storage/mod.ts";

/** What reverting a delivery removes and brings back (before, or as done). Money in micro-units. */
export interface RevertPlan {
  importId: number;
  periods: string[];
  /** Charges the delivery added that are still stored: removed by the revert. */
  removed: { count: number; money: MoneyTotals };
  /** Charges it replaced (archived): brought back. */
  restored: { count: number; money: MoneyTotals };
}

/** The outcome of a revert. */
export interface RevertOutcome extends RevertPlan {
  note: string;
  at: string;
  /** Statements of those periods newly marked stale. */
  staleStatements: number;
}

function totals(t: { count: number; byCurrency: { currency: string; billed: number }[] }) {
  return {
    count: t.count,
    money: combineCurrencyTotals(
      t.byCurrency.map((c) => ({ currency: c.currency, billedCost: c.billed, listCost: 0 })),
    ),
  };
}

/** Check that delivery `id` can be reverted now; what it would remove and restore. */
export function planImportRevert(ctx: AppContext, id: number): RevertPlan {
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new UserError(`'${id}' is not an import id.`, {
      hint: "List the imports with: openchargeback imports list.",
      webHint: "The Imports page lists them.",
    });
  }
  const row = findImportForRevert(ctx.db, id);
  if (!row) {
    throw new NotFoundError(`import ${id} does not exist.`, {
      hint: "List the imports with: openchargeback imports list.",
    });
  }
  if (row.status === "reverted") {
    throw new RuleError(`import ${id} is already reverted.`, {
      hint: "Import the files again to bring its charges back.",
    });
  }
  const periods = JSON.parse(row.periods) as string[];
  if (row.status !== "imported" || periods.length === 0) {
    throw new RuleError(
      `import ${id} changed no charges (${row.status}); there is nothing to revert.`,
    );
  }
  assertPeriodsOpen(ctx.db, periods, `revert of import ${id}`);
  const later = laterDeliveriesTouching(ctx.db, id, row.source_id, periods);
  if (later.length > 0) {
    throw new RuleError(
      `import ${id} cannot be reverted while a later delivery of the same source changed ` +
        `${periods.join(", ")}: import ${later.join(", ")}.`,
      {
        hint: `Revert the newest first: openchargeback imports revert ${
          later[later.length - 1]
        } --note '...'.`,
        webHint: `Revert the newest first: open import #${later[later.length - 1]} on the ` +
          `Imports page and press Revert.`,
      },
    );
  }
  return {
    importId: id,
    periods,
    removed: totals(deliveryChargeTotals(ctx.db, id)),
    restored: totals(replacedChargeTotals(ctx.db, id)),
  };
}

/** Revert delivery `id` (see the module comment). A note is required. */
export function revertImport(ctx: AppContext, id: number, note: string): RevertOutcome {
  const n = (note ?? "").trim();
  if (!n) {
    throw new UserError("reverting an import needs a note.", {
      hint: "Say why, e.g. --note 'imported under the wrong source'.",
      webHint: "Say why in the Note field, e.g. 'imported under the wrong source'.",
    });
  }
  return ctx.db.transaction(() => {
    const plan = planImportRevert(ctx, id);
    const at = ctx.now().toISOString();
    const removed = deleteDeliveryCharges(ctx.db, id);
    const restored = restoreReplacedCharges(ctx.db, id);
    if (removed !== plan.removed.count || restored !== plan.restored.count) {
      throw new Error(
        `revert ${id}: removed ${removed}, restored ${restored}, planned ${JSON.stringify(plan)}`,
      );
    }
    markImportReverted(ctx.db, id, at, ctx.actor, n);
    const staleStatements = markStatementsStale(ctx.db, plan.periods, at);
    audit(ctx, "import.revert", {
      periods: plan.periods,
      removed,
      restored,
      removedBilled: plan.removed.money.totals.map((t) => ({
        currency: t.currency,
        micros: t.billedCost,
      })),
      restoredBilled: plan.restored.money.totals.map((t) => ({
        currency: t.currency,
        micros: t.billedCost,
      })),
      staleStatements,
      note: n,
      summary: `${countOf(removed, "charge")} removed, ${countOf(restored, "charge")} restored`,
    }, {
      entity: "import",
      entityId: id,
      period: plan.periods.length === 1 ? plan.periods[0] : undefined,
      at,
    });
    return { ...plan, note: n, at, staleStatements };
  });
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
