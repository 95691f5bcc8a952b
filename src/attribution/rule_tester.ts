/**
 * The live tester of the attribution rules page: over the real stored
 * charges of a period, how many charges each rule in force matches (and how
 * many it is the first to match, in evaluation order), with their billed
 * totals per currency; and a draft rule (the form being typed) the same way,
 * in the place it would take: at the end for a new rule, in place of the
 * rule being edited.
 */

import type { AppContext } from "../app_context.ts";
import {
  type AttributionRuleSpec,
  type CompiledRule,
  compileRule,
} from "../domain/attribution_rules.ts";
import {
  type ChargeAttributionRow,
  chargeValueColumns,
  listRuleTestGroups,
  type RuleTestGroup,
} from "../storage/mod.ts";
import { compiledRules } from "./attribution_plan.ts";
import { matchStoredRules, storedColumnName, viewStoredCharge } from "./reattribute.ts";
import { listAttributionRules } from "./rule_service.ts";

/** What one rule matches in the period. Money in micro-units. */
export interface RuleMatchCount {
  name: string;
  origin: "config" | "database" | "draft";
  id: number | null;
  /** Charges the rule matches. */
  matched: number;
  /** Charges it is the first rule to match (in evaluation order). */
  first: number;
  billed: { currency: string; micros: number }[];
  /** Up to 10 matched charge ids, for links. */
  sample: number[];
}

/** The tester's finding over one period. */
export interface RulesTestResult {
  period: string;
  charges: number;
  /** Charges no rule matches. */
  unmatched: number;
  /** Every rule in evaluation order (the draft in its place). */
  rules: RuleMatchCount[];
}

/**
 * Run the rules in force (config first, then the database's) over the
 * charges of `period`; with `draft`, that rule too, replacing stored rule
 * `replacing` (its database id) or after the last rule.
 */
export function testRulesOnPeriod(
  ctx: AppContext,
  period: string,
  draft?: AttributionRuleSpec,
  replacing?: number,
): RulesTestResult {
  const listed = listAttributionRules(ctx);
  const compiled = compiledRules(ctx);
  const order: {
    head: Omit<RuleMatchCount, "matched" | "first" | "billed" | "sample">;
    rule: CompiledRule;
  }[] = listed.map((l, i) => ({
    head: { name: l.name, origin: l.origin, id: l.id },
    rule: compiled[i],
  }));
  if (draft) {
    // what a rule sets does not change what it matches: a draft may be tested before its fields
    const set = Object.values(draft.set).some((v) => v?.trim()) ? draft.set : { project_id: "-" };
    const rule = compileRule({ ...draft, set }, "database", `rule '${draft.name.trim()}'`);
    const entry = {
      head: { name: rule.name, origin: "draft" as const, id: replacing ?? null },
      rule,
    };
    const at = replacing === undefined ? -1 : order.findIndex((o) => o.head.id === replacing);
    if (at >= 0) order[at] = entry;
    else order.push(entry);
  }
  const counts = order.map((o) => ({
    ...o.head,
    matched: 0,
    first: 0,
    money: new Map<string, number>(),
    sample: [] as number[],
  }));
  const { groups, columns } = readGroups(ctx, period, order.map((o) => o.rule));
  let charges = 0;
  let unmatched = 0;
  for (const g of groups) {
    charges += g.charges;
    // what the rules read, and nothing else (no count or sum where a column is looked up)
    const row: Record<string, unknown> = {
      source_name: g.source_name,
      tags: g.tags,
      extra: g.extra,
    };
    for (const c of columns) row[c] = g[c];
    const view = viewStoredCharge(row as ChargeAttributionRow);
    const hits = new Set(matchStoredRules(order.map((o) => o.rule), view));
    let firstSeen = false;
    order.forEach((o, i) => {
      if (!hits.has(o.rule)) return;
      const c = counts[i];
      c.matched += g.charges;
      if (!firstSeen) c.first += g.charges;
      firstSeen = true;
      c.money.set(g.billing_currency, (c.money.get(g.billing_currency) ?? 0) + g.billed);
      if (c.sample.length < 10) c.sample.push(g.first_id);
    });
    if (!firstSeen) unmatched += g.charges;
  }
  return {
    period,
    charges,
    unmatched,
    rules: counts.map(({ money, ...c }) => ({
      ...c,
      billed: [...money.entries()].sort().map(([currency, micros]) => ({ currency, micros })),
    })),
  };
}

/**
 * The period's charges grouped by what `rules` read: their source, Tags and
 * named columns; the extra columns only when a rule names a column that is
 * not stored as one (or, for a stored column, when it is empty).
 */
function readGroups(
  ctx: AppContext,
  period: string,
  rules: CompiledRule[],
): { groups: RuleTestGroup[]; columns: string[] } {
  const stored = new Set(chargeValueColumns(ctx.db));
  const columns: string[] = [];
  let extra: "always" | "when_null" | "never" = "never";
  for (const r of rules) {
    for (const c of r.conditions) {
      if (c.tag !== null) continue;
      const name = storedColumnName(c.key);
      if (name !== null && stored.has(name)) {
        columns.push(name);
        if (extra === "never") extra = "when_null";
      } else extra = "always";
    }
  }
  const named = [...new Set(columns)];
  return { groups: listRuleTestGroups(ctx.db, period, named, extra), columns: named };
}
