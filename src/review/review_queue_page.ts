/**
 * The review page's read side: a page of the queue with its count, the
 * billed amounts held back per currency and the pending charges per flag
 * reason. Staff information (the page is not open to the `pi` role).
 */

import type { AppContext } from "../app_context.ts";
import { cachedFigures, type ChargeBrowseRow, sourceIdByName } from "../charges/mod.ts";
import {
  type ChargeBrowseTotalsRow,
  pendingReviewTotals,
  type ReviewPageFilter,
  reviewQueuePage,
  reviewQueueTotals,
  reviewReasonCounts,
} from "../storage/mod.ts";

/** The page's filters, as typed; empty strings are ignored. */
export interface ReviewQueueQuery {
  period?: string;
  /** A flag reason, matched exactly or as a prefix. */
  reason?: string;
  /** A source name (any case); UserError when there is none of that name. */
  source?: string;
  /** Lower-cased PI email. */
  pi?: string;
}

/** One page of the queue and the figures above it. Money in micro-units. */
export interface ReviewQueuePage {
  rows: ChargeBrowseRow[];
  /** Per currency: count and billed sum of every matching pending charge. */
  totals: ChargeBrowseTotalsRow[];
  /** How many pending charges match. */
  total: number;
  /** Pending charges per reason under the same filters but the reason, most first. */
  reasons: { reason: string; charges: number }[];
}

/** The pending charges matching `q`: one page (by period, PI, project, id) and the figures. */
export function readReviewQueue(
  ctx: AppContext,
  q: ReviewQueueQuery,
  page: { limit: number; offset: number },
): ReviewQueuePage {
  const f: ReviewPageFilter = {
    period: q.period || undefined,
    reason: q.reason || undefined,
    sourceId: q.source ? sourceIdByName(ctx, q.source) : undefined,
    piEmail: q.pi || undefined,
  };
  const totals = cachedFigures(ctx, `review ${JSON.stringify(f)}`, () => {
    return reviewQueueTotals(ctx.db, f);
  });
  const { reason: _reason, ...unreasoned } = f;
  return {
    rows: reviewQueuePage(ctx.db, f, page.limit, page.offset),
    totals,
    total: totals.reduce((n, t) => n + t.charges, 0),
    reasons: reasonCounts(ctx, unreasoned),
  };
}

/** The flag reasons of the pending charges of `period` (or all), most charges first. */
export function pendingReasons(ctx: AppContext, period?: string): string[] {
  return reasonCounts(ctx, { period: period || undefined }).map((r) => r.reason);
}

/** How many charges of `period` await review. */
export function pendingReviewCount(ctx: AppContext, period: string): number {
  return pendingReviewTotals(ctx.db, period).count;
}

function reasonCounts(ctx: AppContext, f: Omit<ReviewPageFilter, "reason">) {
  return cachedFigures(ctx, `reasons ${JSON.stringify(f)}`, () => reviewReasonCounts(ctx.db, f));
}
