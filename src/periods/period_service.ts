/**
 * Period lifecycle: open -> closed -> (reopen -> open) -> finalized.
 * Finalized is permanent. Finalizing is refused while charges await review.
 * An open period may be finalized directly (PERIOD_TRANSITIONS): finalizing
 * locks it just as closing does and applies the same review gate, so a
 * mandatory close step would add a command without adding a check.
 * The CLI and the web both call these functions, so both obey the same rules.
 */

import { audit } from "../audit/mod.ts";
import type { AppContext } from "../app_context.ts";
import { NotFoundError, RuleError, UserError } from "../domain/errors.ts";
import { microsToDecimal } from "../domain/money.ts";
import { formatAmount, formatExact, minorDecimal } from "../domain/money_format.ts";
import { parsePeriod, PERIOD_TRANSITIONS, type PeriodStatus } from "../domain/period.ts";
import {
  type Database,
  ensurePeriod,
  findPeriod,
  listKnownPeriods,
  listLatestStatementTotals,
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
  /** Exact sums of the billable charges (rejected and pending left out), per currency. */
  money: MoneyTotals;
  /** Exact billed sums of the charges awaiting review (shown apart), per currency. */
  pending: { currency: string; billedCost: number }[];
  /** The latest statements' amounts due against the exact charges; null before any statement. */
  statements: PeriodStatementTotals | null;
}

/**
 * What a period's statements bill against its charges, per currency: each
 * statement rounds its exact sum once, so their total may differ from the
 * charges' exact sum by under half a minor unit per statement (`rounding`).
 */
export interface PeriodStatementTotals {
  count: number;
  totals: {
    currency: string;
    /** Sum of the latest statements' amounts due (whole minor units). */
    statements: number;
    /** Exact sum of the billable charges. */
    charges: number;
    /** statements - charges (exact, micro-units). */
    rounding: number;
  }[];
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
  return periodSummaries(ctx);
}

/** The summaries of every period, or of `only` (one period's figures, not all of them). */
function periodSummaries(ctx: AppContext, only?: string): PeriodSummary[] {
  const money = new Map<string, { currency: string; billedCost: number; listCost: number }[]>();
  const pending = new Map<string, { currency: string; billedCost: number }[]>();
  for (const r of listPeriodCurrencyTotals(ctx.db, only)) {
    const list = money.get(r.period) ?? [];
    list.push({ currency: r.billing_currency, billedCost: r.billed_cost, listCost: r.list_cost });
    money.set(r.period, list);
    if (r.pending_billed_cost !== 0) {
      const p = pending.get(r.period) ?? [];
      p.push({ currency: r.billing_currency, billedCost: r.pending_billed_cost });
      pending.set(r.period, p);
    }
  }
  const statements = statementTotalsByPeriod(ctx.db, only);
  return listPeriodsWithTotals(ctx.db, only).map((r) => ({
    period: r.period,
    status: r.status,
    createdAt: r.created_at,
    closedAt: r.closed_at,
    finalizedAt: r.finalized_at,
    notes: r.notes,
    charges: r.charges,
    flagged: r.flagged,
    money: combineCurrencyTotals(money.get(r.period) ?? []),
    pending: pending.get(r.period) ?? [],
    statements: withCharges(statements.get(r.period), money.get(r.period) ?? []),
  }));
}

function statementTotalsByPeriod(
  db: Database,
  only?: string,
): Map<string, { count: number; by: Map<string, number> }> {
  const out = new Map<string, { count: number; by: Map<string, number> }>();
  for (const r of listLatestStatementTotals(db, only)) {
    const p = out.get(r.period) ?? { count: 0, by: new Map<string, number>() };
    p.count++;
    for (const t of JSON.parse(r.totals) as { currency: string; billed: number }[]) {
      p.by.set(t.currency, (p.by.get(t.currency) ?? 0) + t.billed);
    }
    out.set(r.period, p);
  }
  return out;
}

function withCharges(
  s: { count: number; by: Map<string, number> } | undefined,
  charges: { currency: string; billedCost: number }[],
): PeriodStatementTotals | null {
  if (!s) return null;
  const currencies = [...new Set([...s.by.keys(), ...charges.map((c) => c.currency)])].sort();
  return {
    count: s.count,
    totals: currencies.map((currency) => {
      const statements = s.by.get(currency) ?? 0;
      const exact = charges.find((c) => c.currency === currency)?.billedCost ?? 0;
      return { currency, statements, charges: exact, rounding: statements - exact };
    }),
  };
}

/**
 * The text of a period's statements against its charges, per currency:
 * "statements 344,847.10 · charges 344,847.103392 · rounding -0.003392".
 */
export function statementRoundingText(t: PeriodStatementTotals["totals"][number]): string {
  const sign = t.rounding > 0 ? "+" : "";
  return `statements ${formatAmount(t.statements, t.currency)} · charges ${
    formatExact(t.charges, t.currency)
  } · rounding ${sign}${formatExact(t.rounding, t.currency)}`;
}

/** One period with its totals; NotFoundError (listing the known periods) when absent. */
export function getPeriod(ctx: AppContext, period: string): PeriodSummary {
  const p = requirePeriod(ctx.db, period).period;
  return periodSummaries(ctx, p)[0];
}

/**
 * A period's status from its row alone (no figures): a NotFoundError naming the known
 * periods when it does not exist. For pages about one month that only need its state.
 */
export function requirePeriodStatus(ctx: AppContext, period: string): PeriodRow["status"] {
  return requirePeriod(ctx.db, period).status;
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

/**
 * Create an open period by hand, before any import (imports create theirs on
 * the way). Refused when it exists; audited as period.create.
 */
export function createPeriod(ctx: AppContext, period: string): PeriodSummary {
  const p = parsePeriod(period);
  ctx.db.transaction(() => {
    const at = ctx.now().toISOString();
    if (!ensurePeriod(ctx.db, p, at)) {
      const row = findPeriod(ctx.db, p)!;
      throw new RuleError(`period ${p} already exists (${row.status}).`, {
        hint: "Pick it in the period selector; nothing was changed.",
      });
    }
    audit(ctx, "period.create", { status: "open" }, {
      entity: "period",
      entityId: p,
      period: p,
      at,
    });
  });
  return getPeriod(ctx, p);
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
    audit(ctx, `period.${action}`, {
      before: row.status,
      after: rule.to,
      ...extra,
      pendingReview: pending,
    }, { entity: "period", entityId: p, period: p, at });
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
    pendingBilledCost: s.pending.map((p) => ({
      currency: p.currency,
      billedCost: microsToDecimal(p.billedCost),
    })),
    statements: s.statements === null ? null : {
      count: s.statements.count,
      totals: s.statements.totals.map((t) => ({
        currency: t.currency,
        billedCost: minorDecimal(t.statements, t.currency),
        chargesBilledCost: microsToDecimal(t.charges),
        rounding: microsToDecimal(t.rounding),
      })),
    },
    closedAt: s.closedAt,
    finalizedAt: s.finalizedAt,
    notes: s.notes,
  };
}
