/** The public JSON shapes of the review commands (money as decimal strings). */

import { microsToDecimal } from "../domain/money.ts";
import { moneyTotalsJson } from "../domain/currency_totals.ts";
import type { PendingCharge, ReviewOutcome } from "./review_service.ts";

/** The `review list --json` element for a charge. */
export function pendingChargeJson(c: PendingCharge) {
  return {
    id: c.id,
    period: c.period,
    source: c.source,
    piEmail: c.piEmail,
    projectId: c.projectId,
    fundOrg: c.fundOrg,
    serviceName: c.serviceName,
    resourceId: c.resourceId,
    billedCost: microsToDecimal(c.billedCost),
    currency: c.currency,
    reasons: c.reasons,
  };
}

/** The `review approve|reject --json` document. */
export function reviewOutcomeJson(o: ReviewOutcome) {
  const m = moneyTotalsJson(o.money);
  return {
    decision: o.decision,
    count: o.count,
    ids: o.ids,
    periods: o.periods,
    billedCost: m.billedCost,
    currency: m.currency,
    totals: m.totals.map((t) => ({ currency: t.currency, billedCost: t.billedCost })),
    note: o.note,
  };
}
