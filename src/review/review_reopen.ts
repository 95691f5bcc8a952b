/**
 * Reopening a rejection: rejected charges of an open period go back to the
 * review queue (pending), so a mistaken reject can be approved after all.
 * A note is required; the change is audited (`review.reopen`) in the same
 * transaction, and the earlier rejection stays in the decision history.
 */

import { audit } from "../audit/mod.ts";
import type { AppContext } from "../app_context.ts";
import { RuleError, UserError } from "../domain/errors.ts";
import { countOf, plural } from "../domain/plural.ts";
import { findChargeReviewStates, reopenRejectedCharges } from "../storage/mod.ts";
import { assertPeriodsOpen } from "../periods/mod.ts";
import { combineCurrencyTotals } from "../charges/currency_totals.ts";
import type { ReviewOutcome } from "./review_service.ts";

/** Reopen rejected charges (all-or-nothing): they await review again. */
export function reopenRejections(ctx: AppContext, ids: number[], note: string): ReviewOutcome {
  const n = (note ?? "").trim();
  if (!n) {
    throw new UserError("reopening a rejection needs a note.", {
      hint: "Say why, e.g. --note 'rejected by mistake'.",
      webHint: "Say why in the Note field, e.g. 'rejected by mistake'.",
    });
  }
  if (ids.length === 0) throw new UserError("no charge ids given.", { hint: "Use --id N." });
  const unique = [...new Set(ids)];
  for (const id of unique) {
    if (!Number.isSafeInteger(id) || id <= 0) {
      throw new UserError(`'${id}' is not a charge id.`, {
        hint: "Ids are positive whole numbers.",
      });
    }
  }
  return ctx.db.transaction(() => {
    const states = findChargeReviewStates(ctx.db, unique);
    const byId = new Map(states.map((s) => [s.id, s]));
    const problems: string[] = [];
    for (const id of unique) {
      const s = byId.get(id);
      if (!s) problems.push(`${id} (no such charge)`);
      else if (s.review_status !== "rejected") problems.push(`${id} (${s.review_status})`);
    }
    if (problems.length > 0) {
      throw new RuleError(
        `nothing changed: ${plural(problems.length, "charge")} ${problems.join(", ")} ${
          plural(problems.length, "is")
        } not rejected.`,
        {
          hint: "Only a rejected charge can be reopened.",
        },
      );
    }
    const periods = [...new Set(states.map((s) => s.period))].sort();
    assertPeriodsOpen(ctx.db, periods, "review reopen");
    const at = ctx.now().toISOString();
    const changed = reopenRejectedCharges(ctx.db, unique);
    if (changed !== unique.length) throw new Error(`reopen: ${changed} of ${unique.length}`);
    const money = combineCurrencyTotals(
      states.map((s) => ({ currency: s.billing_currency, billedCost: s.billed_cost, listCost: 0 })),
    );
    audit(ctx, "review.reopen", {
      ids: unique,
      count: unique.length,
      periods,
      billed: money.totals.map((t) => ({ currency: t.currency, micros: t.billedCost })),
      note: n,
      summary: `${countOf(unique.length, "charge")} back in the review queue`,
    }, {
      entity: "charge",
      entityId: unique.length === 1 ? unique[0] : undefined,
      period: periods.length === 1 ? periods[0] : undefined,
      at,
    });
    return {
      decision: "reopened",
      ids: unique,
      count: unique.length,
      periods,
      money,
      note: n,
      at,
    };
  });
}
