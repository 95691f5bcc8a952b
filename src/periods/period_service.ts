/**
 * Period lifecycle: open -> closed -> (reopen -> open) -> finalized.
 * Finalized is permanent. Finalizing is refused while charges await review.
 * An open period may be finalized directly (PERIOD_TRANSITIONS): finalizing
 * locks it just as closing does and applies the same review gate, so a
 * mandatory close step would add a command without adding a check.
 * The CLI and the web both call these functions, so both obey the same rules.
 */

import type { AppContext } from "../app_context.ts";
import { NotFoundError, RuleError, UserError } from "../domain/errors.ts";
import { parsePeriod, PERIOD_TRANSITIONS, type PeriodStatus } from "../domain/period.ts";
import {
  appendAudit,
  type Database,
  findPeriod,
  listKnownPeriods,
  listPeriodCurrencyTotals,
  listPeriodsWithTotals,
  pendingReviewTotals,
  type PeriodRow,
  updatePeriodStatus,
} from "../storage/mod.ts";
import { countOf, plural } from "../domain/plural.ts";
import {
  combineCurrencyTotals,
  type MoneyTotals,
  moneyTotalsJson,
} from "../domain/currency_totals.ts";

/** A period with its status and the totals of its non-rejected charges. */
export interface PeriodSummary {
  period: string;
  status: PeriodStatus;
  createdAt: string;
  closedAt: string | null;
  finalizedAt: string | null;
  notes: string | null;
  /** Stored charges that are not rejected (flagged included). */
  charges: number;
  /** Charges awaiting review. */
  flagged: number;
  /** Sums over the same charges as `charges`, per currency. */
  money: MoneyTotals;
}

/** What a lifecycle change did. */
export interface PeriodChange {
  period: string;
  action: "close" | "reopen" | "finalize";
  before: PeriodStatus;
  after: PeriodStatus;
  at: string;
  /** Charges of the period still awaiting review after the change. */
  pendingReview: number;
}

/** All periods, newest first, with their totals. */
export function listPeriods(ctx: AppContext): PeriodSummary[] {
  const money = new Map<string, { currency: string; billedCost: number; listCost: number }[]>();
  for (const r of listPeriodCurrencyTotals(ctx.db)) {
    const list = money.get(r.period) ?? [];
    list.push({ currency: r.billing_currency, billedCost: r.billed_cost, listCost: r.list_cost });
    money.set(r.period, list);
  }
  return listPeriodsWithTotals(ctx.db).map((r) => ({
    period: r.period,
    status: r.status,
    createdAt: r.created_at,
    closedAt: r.closed_at,
    finalizedAt: r.finalized_at,
    notes: r.notes,
    charges: r.charges,
    flagged: r.flagged,
    money: combineCurrencyTotals(money.get(r.period) ?? []),
  }));
}

/** One period with its totals; NotFoundError (listing the known periods) when absent. */
export function getPeriod(ctx: AppContext, period: string): PeriodSummary {
  const p = requirePeriod(ctx.db, period).period;
  return listPeriods(ctx).find((s) => s.period === p)!;
}

/**
 * The stored period named by user input: a UserError when it is not YYYY-MM,
 * a NotFoundError listing the known periods when it does not exist.
 */
export function requirePeriod(db: Database, period: string): PeriodRow {
  const p = parsePeriod(period);
  const row = findPeriod(db, p);
  if (row) return row;
  const known = listKnownPeriods(db);
  throw new NotFoundError(`period ${p} does not exist.`, {
    hint: known.length
      ? `Known periods: ${known.join(", ")}.`
      : "There are no periods yet; they are created when charges are ingested.",
  });
}

/** Options of closePeriod. */
export interface CloseOptions {
  /** Close although charges still await review (they stay pending, locked until reopened). */
  allowPending?: boolean;
}

/**
 * Close an open period: no import or review decision may change it until
 * reopened. Refused while charges await review unless `allowPending`.
 */
export function closePeriod(
  ctx: AppContext,
  period: string,
  opts: CloseOptions = {},
): PeriodChange {
  return changeStatus(ctx, period, "close", {}, opts.allowPending === true);
}

/** Reopen a closed period; `reason` is required and audited. */
export function reopenPeriod(ctx: AppContext, period: string, reason: string): PeriodChange {
  const why = (reason ?? "").trim();
  if (!why) {
    throw new UserError("reopening a period needs a reason.", {
      hint: "Say why, e.g. --reason 'late AWS credits'.",
      webHint: "Say why in the Reason field, e.g. 'late AWS credits'.",
    });
  }
  return changeStatus(ctx, period, "reopen", { reason: why });
}

/**
 * Finalize an open or closed period (permanent). Refused while any of its
 * charges awaits review. `notes` are stored on the period and audited.
 */
export function finalizePeriod(ctx: AppContext, period: string, notes?: string): PeriodChange {
  const n = notes?.trim() || undefined;
  return changeStatus(ctx, period, "finalize", { notes: n });
}

function changeStatus(
  ctx: AppContext,
  period: string,
  action: PeriodChange["action"],
  extra: { reason?: string; notes?: string },
  allowPending = false,
): PeriodChange {
  const p = parsePeriod(period);
  return ctx.db.transaction(() => {
    const row = requirePeriod(ctx.db, p);
    const rule = PERIOD_TRANSITIONS[action];
    if (!rule.from.includes(row.status)) throw refusal(action, row);
    const pending = pendingReviewTotals(ctx.db, p).count;
    if (action === "close" && pending > 0 && !allowPending) {
      throw new RuleError(
        `cannot close ${p}: ${countOf(pending, "charge")} ${
          plural(pending, "awaits")
        } review; closing locks them until the period is reopened.`,
        {
          hint: `Approve or reject them first (openchargeback review list -p ${p}), ` +
            `or close anyway with --allow-pending.`,
          webHint: `Approve or reject them on the Review page first, or tick ` +
            `"Close with charges awaiting review" and press Close ${p}.`,
        },
      );
    }
    if (action === "finalize" && pending > 0) {
      throw new RuleError(
        `cannot finalize ${p}: ${countOf(pending, "charge")} ${plural(pending, "awaits")} review.`,
        {
          hint: `List them with: openchargeback review list -p ${p}` +
            (row.status === "closed" ? ` (reopen ${p} to approve or reject them).` : "."),
          webHint: `Approve or reject them on the Review page` +
            (row.status === "closed" ? ` (press Reopen ${p} first).` : "."),
        },
      );
    }
    const at = ctx.now().toISOString();
    updatePeriodStatus(ctx.db, p, rule.to, at, extra.notes);
    appendAudit(ctx.db, {
      at,
      actor: ctx.actor,
      action: `period.${action}`,
      entity: "period",
      entityId: p,
      period: p,
      details: { before: row.status, after: rule.to, ...extra, pendingReview: pending },
    });
    return { period: p, action, before: row.status, after: rule.to, at, pendingReview: pending };
  });
}

function refusal(action: PeriodChange["action"], row: PeriodRow): RuleError {
  const p = row.period;
  if (row.status === "finalized") {
    return new RuleError(`cannot ${action} ${p}: it is finalized.`, {
      hint: "Finalizing is permanent; a finalized period never changes.",
    });
  }
  if (action === "close") {
    return new RuleError(`cannot close ${p}: it is already closed.`, {
      hint: `Finalize it (openchargeback periods finalize ${p}) or reopen it.`,
      webHint: `Finalize it or reopen it on this page.`,
    });
  }
  return new RuleError(`cannot reopen ${p}: it is already open.`, {
    hint: `Close it with: openchargeback periods close ${p}.`,
    webHint: `Close it with the Close ${p} button.`,
  });
}

/** The `periods list --json` element for a period. */
export function periodSummaryJson(s: PeriodSummary) {
  return {
    period: s.period,
    status: s.status,
    charges: s.charges,
    flagged: s.flagged,
    ...moneyTotalsJson(s.money),
    closedAt: s.closedAt,
    finalizedAt: s.finalizedAt,
    notes: s.notes,
  };
}
