/**
 * `attribution apply`: re-apply the attribution rules (and the PI directory's
 * aliases) to every charge of an open period, recomputing flags. A dry run
 * changes nothing and shows, per PI, project and fund/org, the billed cost
 * before and after. The change and its audit entry share one transaction.
 */

import { audit } from "../audit/mod.ts";
import type { AppContext } from "../app_context.ts";
import type { ChargeAttribution } from "../domain/charge.ts";
import { assertPeriodsOpen, requirePeriod } from "../periods/mod.ts";
import {
  type ChargeAttributionRow,
  type ChargeAttributionUpdate,
  listChargesForAttribution,
  updateChargeAttribution,
} from "../storage/mod.ts";
import { loadAttributionPlan, loadFlagRules } from "./attribution_plan.ts";
import {
  parseProvenance,
  reattribute,
  storedAttribution,
  viewStoredCharge,
} from "./reattribute.ts";

/** One (PI, project, fund/org, currency) group's charges before and after. */
export interface AttributionGroupChange {
  piEmail: string | null;
  projectId: string | null;
  fundOrg: string | null;
  currency: string;
  chargesBefore: number;
  chargesAfter: number;
  /** Billed cost in micro-units. */
  billedBefore: number;
  billedAfter: number;
}

/** What an apply did (or would do). */
export interface AttributionApplyOutcome {
  period: string;
  dryRun: boolean;
  /** Charges of the period looked at (rejected ones are left alone). */
  charges: number;
  changed: number;
  /** Charges whose review status changed to none (no flag left) or to pending. */
  unflagged: number;
  flagged: number;
  /** Charges attributed by each rule after the apply, by rule name. */
  byRule: Record<string, number>;
  groups: AttributionGroupChange[];
  /** Billed cost per currency: equal before and after (re-attribution moves, never changes money). */
  totals: { currency: string; billed: number }[];
}

/** Re-apply the rules to `period` (open periods only). */
export function applyAttribution(
  ctx: AppContext,
  period: string,
  opts: { dryRun?: boolean } = {},
): AttributionApplyOutcome {
  const run = () => {
    const p = requirePeriod(ctx.db, period).period;
    assertPeriodsOpen(ctx.db, [p], "attribution apply");
    const rows = listChargesForAttribution(ctx.db, p).filter((r) => r.review_status !== "rejected");
    const plan = loadAttributionPlan(ctx);
    const flagRules = loadFlagRules(ctx);
    const updates: ChargeAttributionUpdate[] = [];
    const after = new Map<number, ChargeAttribution>();
    let unflagged = 0;
    let flagged = 0;
    const byRule: Record<string, number> = {};
    for (const row of rows) {
      const r = reattribute(viewStoredCharge(row), plan, ctx.config.tag_mapping, flagRules);
      after.set(row.id, r.who);
      for (const v of new Set(Object.values(parseProvenance(r.provenance)))) {
        if (v.startsWith("rule:")) byRule[v.slice(5)] = (byRule[v.slice(5)] ?? 0) + 1;
      }
      if (!r.changed) continue;
      if (r.reviewStatus !== row.review_status) {
        if (r.reviewStatus === "none") unflagged++;
        else if (r.reviewStatus === "pending") flagged++;
      }
      updates.push({
        id: row.id,
        ...r.who,
        flags: r.flags,
        attribution: r.provenance,
        reviewStatus: r.reviewStatus,
      });
    }
    const outcome: AttributionApplyOutcome = {
      period: p,
      dryRun: opts.dryRun === true,
      charges: rows.length,
      changed: updates.length,
      unflagged,
      flagged,
      byRule,
      groups: groupChanges(rows, after),
      totals: currencyTotals(rows),
    };
    if (opts.dryRun || updates.length === 0) return outcome;
    const n = updateChargeAttribution(ctx.db, updates);
    if (n !== updates.length) {
      throw new Error(`attribution apply: ${n} of ${updates.length} updated`);
    }
    audit(ctx, "attribution.apply", {
      charges: rows.length,
      changed: updates.length,
      unflagged,
      flagged,
      byRule,
      ids: updates.map((u) => u.id),
      groups: outcome.groups.filter((g) =>
        g.chargesBefore !== g.chargesAfter || g.billedBefore !== g.billedAfter
      ),
    }, { entity: "period", entityId: p, period: p, at: ctx.now().toISOString() });
    return outcome;
  };
  return opts.dryRun ? run() : ctx.db.transaction(run);
}

function groupChanges(
  rows: ChargeAttributionRow[],
  after: Map<number, ChargeAttribution>,
): AttributionGroupChange[] {
  const groups = new Map<string, AttributionGroupChange>();
  const group = (w: ChargeAttribution, currency: string) => {
    const key = JSON.stringify([w.piEmail, w.projectId, w.fundOrg, currency]);
    let g = groups.get(key);
    if (!g) {
      g = {
        piEmail: w.piEmail,
        projectId: w.projectId,
        fundOrg: w.fundOrg,
        currency,
        chargesBefore: 0,
        chargesAfter: 0,
        billedBefore: 0,
        billedAfter: 0,
      };
      groups.set(key, g);
    }
    return g;
  };
  for (const r of rows) {
    const b = group(storedAttribution(r), r.billing_currency);
    b.chargesBefore++;
    b.billedBefore += r.billed_cost;
    const a = group(after.get(r.id)!, r.billing_currency);
    a.chargesAfter++;
    a.billedAfter += r.billed_cost;
  }
  const text = (v: string | null) => v ?? "\uffff";
  return [...groups.values()].sort((x, y) =>
    text(x.piEmail).localeCompare(text(y.piEmail)) ||
    text(x.projectId).localeCompare(text(y.projectId)) ||
    text(x.fundOrg).localeCompare(text(y.fundOrg)) || x.currency.localeCompare(y.currency)
  );
}

function currencyTotals(rows: ChargeAttributionRow[]): { currency: string; billed: number }[] {
  const m = new Map<string, number>();
  for (const r of rows) m.set(r.billing_currency, (m.get(r.billing_currency) ?? 0) + r.billed_cost);
  return [...m.entries()].sort().map(([currency, billed]) => ({ currency, billed }));
}
