/**
 * The review queue: charges flagged at ingest wait here until approved
 * (billed) or rejected (kept in the database, never billed). Decisions are
 * all-or-nothing, refused on closed or finalized periods, and audited.
 */

import { audit } from "../audit/mod.ts";
import type { AppContext } from "../app_context.ts";
import { RuleError, UserError } from "../domain/errors.ts";
import {
  type ChargeReviewState,
  findChargeReviewStates,
  findPendingReviewStates,
  listReviewQueueRows,
  recordReviewDecision,
  type ReviewQueueFilter,
} from "../storage/mod.ts";
import { assertPeriodsOpen, requirePeriod } from "../periods/mod.ts";
import { requireSource } from "../sources/mod.ts";
import { combineCurrencyTotals, type MoneyTotals } from "../domain/currency_totals.ts";
import { parseFlagReasons } from "../domain/flag_reasons.ts";

/** Which pending charges to list; all optional. */
export interface ReviewFilter {
  period?: string;
  /** A flag reason matched exactly or by prefix ("pattern" matches "pattern:gpu"). */
  reason?: string;
  /** Source name, any case. */
  source?: string;
  /** PI email, any case. */
  pi?: string;
}

/** A charge awaiting review. Money in micro-units. */
export interface PendingCharge {
  id: number;
  period: string;
  source: string;
  sourceDisplayName: string;
  piEmail: string | null;
  projectId: string | null;
  fundOrg: string | null;
  serviceName: string | null;
  resourceId: string | null;
  billedCost: number;
  currency: string;
  reasons: string[];
}

/** Approve listed charges, or every pending charge of a period (optionally of one reason). */
export type ApproveSelector = { ids: number[] } | { period: string; reason?: string };

/** What a review decision did. */
export interface ReviewOutcome {
  decision: "approved" | "rejected" | "reopened";
  ids: number[];
  count: number;
  periods: string[];
  /** The billed (and list) cost the decided charges carry, per currency. */
  money: MoneyTotals;
  note: string | null;
  at: string;
}

/** Charges awaiting review matching the filter, by period, source, PI, project, id. */
export function listPendingCharges(ctx: AppContext, filter: ReviewFilter = {}): PendingCharge[] {
  const f: ReviewQueueFilter = {};
  if (filter.period !== undefined) f.period = requirePeriod(ctx.db, filter.period).period;
  if (filter.source !== undefined) f.sourceId = requireSource(ctx.db, filter.source).id;
  if (filter.pi !== undefined) f.piEmail = nonEmpty(filter.pi, "--pi").toLowerCase();
  if (filter.reason !== undefined) f.reasonPrefix = nonEmpty(filter.reason, "--reason");
  return listReviewQueueRows(ctx.db, f).map((r) => ({
    id: r.id,
    period: r.period,
    source: r.source_name,
    sourceDisplayName: r.source_display_name,
    piEmail: r.pi_email,
    projectId: r.project_id,
    fundOrg: r.fund_org,
    serviceName: r.service_name,
    resourceId: r.resource_id,
    billedCost: r.billed_cost,
    currency: r.billing_currency,
    reasons: parseFlagReasons(r.flags),
  }));
}

/**
 * Approve charges awaiting review: they become billable. With ids, every id
 * must await review or nothing changes. With a period, every pending charge of
 * it (matching `reason` when given); none is "nothing to do", not an error.
 */
export function approveCharges(
  ctx: AppContext,
  selector: ApproveSelector,
  note?: string,
): ReviewOutcome {
  const n = note?.trim() || null;
  if ("ids" in selector) {
    const ids = checkIds(selector.ids);
    return ctx.db.transaction(() => decide(ctx, "approved", pendingOrRefuse(ctx, ids), n, { ids }));
  }
  return ctx.db.transaction(() => {
    const period = requirePeriod(ctx.db, selector.period).period;
    const reason = selector.reason === undefined
      ? undefined
      : nonEmpty(selector.reason, "--reason");
    assertPeriodsOpen(ctx.db, [period], "review approve");
    const states = findPendingReviewStates(ctx.db, { period, reasonPrefix: reason });
    return decide(ctx, "approved", states, n, { period, reason: reason ?? null });
  });
}

/** Reject charges awaiting review (kept, never billed). A note is required. All-or-nothing. */
export function rejectCharges(ctx: AppContext, ids: number[], note: string): ReviewOutcome {
  const n = rejectionNote(note);
  const checked = checkIds(ids);
  return ctx.db.transaction(() =>
    decide(ctx, "rejected", pendingOrRefuse(ctx, checked), n, { ids: checked })
  );
}

/**
 * What rejectCharges(ctx, ids, note) would reject, refused for the same
 * reasons, changing nothing: the count and money a confirmation names.
 */
export function planRejection(ctx: AppContext, ids: number[], note: string): ReviewOutcome {
  const n = rejectionNote(note);
  const states = pendingOrRefuse(ctx, checkIds(ids));
  const periods = [...new Set(states.map((s) => s.period))].sort();
  assertPeriodsOpen(ctx.db, periods, "review reject");
  const money = combineCurrencyTotals(
    states.map((s) => ({ currency: s.billing_currency, billedCost: s.billed_cost, listCost: 0 })),
  );
  const at = ctx.now().toISOString();
  const found = states.map((s) => s.id);
  return { decision: "rejected", ids: found, count: found.length, periods, money, note: n, at };
}

function rejectionNote(note: string): string {
  const n = (note ?? "").trim();
  if (!n) {
    throw new UserError("rejecting charges needs a note.", {
      hint: "Say why, e.g. --note 'test instance, not billable'.",
      webHint: "Say why in the Note field, e.g. 'test instance, not billable'.",
    });
  }
  return n;
}

function decide(
  ctx: AppContext,
  decision: "approved" | "rejected",
  states: ChargeReviewState[],
  note: string | null,
  selector: Record<string, unknown>,
): ReviewOutcome {
  const periods = [...new Set(states.map((s) => s.period))].sort();
  const verb = decision === "approved" ? "review approve" : "review reject";
  assertPeriodsOpen(ctx.db, periods, verb);
  const at = ctx.now().toISOString();
  const ids = states.map((s) => s.id);
  const money = combineCurrencyTotals(
    states.map((s) => ({ currency: s.billing_currency, billedCost: s.billed_cost, listCost: 0 })),
  );
  const outcome = { decision, ids, count: ids.length, periods, money, note, at };
  if (ids.length === 0) return outcome;
  const changed = recordReviewDecision(ctx.db, ids, decision, note, ctx.actor, at);
  if (changed !== ids.length) throw new Error(`review: ${changed} of ${ids.length} changed`);
  audit(ctx, decision === "approved" ? "review.approve" : "review.reject", {
    selector,
    ids,
    count: ids.length,
    periods,
    billed: money.totals.map((t) => ({ currency: t.currency, micros: t.billedCost })),
    note,
  }, {
    entity: "charge",
    entityId: ids.length === 1 ? ids[0] : undefined,
    period: periods.length === 1 ? periods[0] : undefined,
    at,
  });
  return outcome;
}

/** The states of `ids`, refusing (naming the ids) when any is not awaiting review. */
function pendingOrRefuse(ctx: AppContext, ids: number[]): ChargeReviewState[] {
  const states = findChargeReviewStates(ctx.db, ids);
  const byId = new Map(states.map((s) => [s.id, s]));
  const problems: string[] = [];
  for (const id of ids) {
    const s = byId.get(id);
    if (!s) problems.push(`${id} (no such charge)`);
    else if (s.review_status === "none") problems.push(`${id} (never flagged)`);
    else if (s.review_status !== "pending") problems.push(`${id} (already ${s.review_status})`);
  }
  if (problems.length > 0) {
    throw new RuleError(
      `nothing changed: charge${problems.length === 1 ? "" : "s"} ${problems.join(", ")} ${
        problems.length === 1 ? "is" : "are"
      } not awaiting review.`,
      {
        hint: "List the charges awaiting review with: openchargeback review list." +
          (problems.some((p) => p.includes("rejected"))
            ? " Reopen a rejection first with: openchargeback review reopen --id N --note '...'."
            : ""),
        webHint: "The Review page lists the charges awaiting review." +
          (problems.some((p) => p.includes("rejected"))
            ? " Reopen a rejection with the Reopen button on its charge page first."
            : ""),
      },
    );
  }
  return ids.map((id) => byId.get(id)!);
}

export function checkIds(ids: number[]): number[] {
  if (ids.length === 0) throw new UserError("no charge ids given.", { hint: "Use --id N." });
  for (const id of ids) {
    if (!Number.isSafeInteger(id) || id <= 0) {
      throw new UserError(`'${id}' is not a charge id.`, {
        hint: "Ids are positive whole numbers.",
      });
    }
  }
  return [...new Set(ids)];
}

function nonEmpty(value: string, what: string): string {
  const t = value.trim();
  if (!t) throw new UserError(`${what} is empty.`);
  return t;
}
