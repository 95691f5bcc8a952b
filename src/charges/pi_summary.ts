/**
 * One PI's charges in a period, per project: what `show` prints and what a
 * statement will bill. Sums count billable charges only (never flagged, or
 * approved); `flagged` counts the charges still awaiting review; rejected
 * charges are left out. Currencies are never added together: projects are
 * split per currency and the PI total exists only for a single currency.
 */

import { canonicalPiEmail } from "../attribution/mod.ts";
import type { AppContext } from "../app_context.ts";
import { NotFoundError, UserError } from "../domain/errors.ts";
import { countPiCharges, listPiEmails, listPiProjectTotals } from "../storage/mod.ts";
import { requirePeriod } from "../periods/mod.ts";
import {
  combineCurrencyTotals,
  type MoneyTotals,
  moneyTotalsJson,
} from "../domain/currency_totals.ts";
import { microsToDecimal } from "../domain/money.ts";

/** A PI's charges of one project, fund/org and currency. Money in micro-units. */
export interface PiProjectSummary {
  project: string | null;
  fundOrg: string | null;
  currency: string;
  /** Billable charges. */
  charges: number;
  /** Charges awaiting review (not in the sums). */
  flagged: number;
  billedCost: number;
  listCost: number;
}

/** A PI's period summary. */
export interface PiSummary {
  pi: string;
  period: string;
  periodStatus: string;
  charges: number;
  flagged: number;
  money: MoneyTotals;
  projects: PiProjectSummary[];
}

/**
 * The summary of `pi` (any case) for `period`. NotFoundError when the period
 * does not exist or the PI has no charge in it (naming PIs that do).
 */
export function showPi(ctx: AppContext, pi: string, period: string): PiSummary {
  // an alias email of the PI directory shows its canonical PI
  const email = pi.trim() ? canonicalPiEmail(ctx, pi) : "";
  if (!email) throw new UserError("the PI email is empty.", { hint: "e.g. show pi@example.edu" });
  const row = requirePeriod(ctx.db, period);
  const p = row.period;
  if (countPiCharges(ctx.db, p, email) === 0) {
    const pis = listPiEmails(ctx.db, p);
    const shown = pis.slice(0, 10).join(", ") + (pis.length > 10 ? `, ... (${pis.length})` : "");
    throw new NotFoundError(`no charges for ${email} in ${p}.`, {
      hint: pis.length ? `PIs with charges in ${p}: ${shown}.` : `${p} has no charges.`,
    });
  }
  const projects = listPiProjectTotals(ctx.db, p, email).map((r) => ({
    project: r.project_id,
    fundOrg: r.fund_org,
    currency: r.billing_currency,
    charges: r.charges,
    flagged: r.flagged,
    billedCost: r.billed_cost,
    listCost: r.list_cost,
  }));
  return {
    pi: email,
    period: p,
    periodStatus: row.status,
    charges: projects.reduce((n, x) => n + x.charges, 0),
    flagged: projects.reduce((n, x) => n + x.flagged, 0),
    money: combineCurrencyTotals(projects),
    projects,
  };
}

/** The `show --json` document. */
export function piSummaryJson(s: PiSummary) {
  return {
    pi: s.pi,
    period: s.period,
    ...moneyTotalsJson(s.money),
    charges: s.charges,
    flagged: s.flagged,
    projects: s.projects.map((x) => ({
      project: x.project,
      fundOrg: x.fundOrg,
      currency: x.currency,
      charges: x.charges,
      flagged: x.flagged,
      billedCost: microsToDecimal(x.billedCost),
      listCost: microsToDecimal(x.listCost),
    })),
  };
}
