/**
 * The rules a delivery (or a re-application) is attributed with: the
 * config's `attribution.rules` first, then the database's rules (edited on
 * the web), in order, plus the PI directory's aliases, compiled once. And
 * the flag rules (web Settings overrides, else the config).
 */

import type { AppContext } from "../app_context.ts";
import {
  type AttributionPlan,
  type AttributionRuleSpec,
  type CompiledRule,
  compileRule,
} from "../domain/attribution_rules.ts";
import type { FlagRules } from "../domain/flags.ts";
import { loadFundingRules } from "../funding/mod.ts";
import { compilePattern, effectivePatterns } from "../settings/mod.ts";
import { type AttributionRuleRow, listAttributionRuleRows, piAliasMap } from "../storage/mod.ts";

/** A database rule as a spec. */
export function storedRuleSpec(r: AttributionRuleRow): AttributionRuleSpec {
  return {
    name: r.name,
    source: r.source,
    match: JSON.parse(r.match),
    set: JSON.parse(r.assign),
  };
}

/** Every rule, config first, compiled (a bad stored rule is named by its database name). */
export function compiledRules(ctx: AppContext): CompiledRule[] {
  const fromConfig = ctx.config.attribution.rules.map((r, i) =>
    compileRule(
      { name: r.name, source: r.source, match: r.match, set: r.set },
      "config",
      `attribution.rules[${i}]`,
    )
  );
  const stored = listAttributionRuleRows(ctx.db).map((r) =>
    compileRule(storedRuleSpec(r), "database", `attribution rule '${r.name}' (web settings)`)
  );
  return [...fromConfig, ...stored];
}

/** The attribution plan, with only the rules of `source` (any case) when given. */
export function loadAttributionPlan(ctx: AppContext, source?: string): AttributionPlan {
  const all = compiledRules(ctx);
  const s = source?.toLowerCase();
  return {
    precedence: ctx.config.attribution.precedence,
    rules: s === undefined ? all : all.filter((r) => r.source === null || r.source === s),
    aliases: piAliasMap(ctx.db),
  };
}

/** The flag rules: the patterns in force as settings resolves them (web overrides, else config). */
export function loadFlagRules(ctx: AppContext): FlagRules {
  const flags = effectivePatterns(ctx, "flag").patterns;
  const funds = effectivePatterns(ctx, "fund_org").patterns;
  return {
    flagPatterns: flags.map((p, i) => ({ source: p, regex: compilePattern("flag", p, i) })),
    fundOrgPatterns: funds.map((p, i) => compilePattern("fund_org", p, i)),
    funding: loadFundingRules(ctx),
  };
}
