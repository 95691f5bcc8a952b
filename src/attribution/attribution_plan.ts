/**
 * The rules a delivery (or a re-application) is attributed with: the
 * config's `attribution.rules` first, then the database's rules (edited on
 * the web), in order, plus the PI directory's aliases, compiled once. And
 * the flag rules (web Settings overrides, else the config).
 */

import type { AppContext } from "../app_context.ts";
import { compileConfigRegex } from "../config/mod.ts";
import {
  type AttributionPlan,
  type AttributionRuleSpec,
  type CompiledRule,
  compileRule,
} from "../domain/attribution_rules.ts";
import type { FlagRules } from "../domain/flags.ts";
import { fundingRules } from "../domain/funding.ts";
import {
  type AttributionRuleRow,
  getSetting,
  listAttributionRuleRows,
  piAliasMap,
} from "../storage/mod.ts";

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

/** The flag rules: web Settings overrides when present, else the config. */
export function loadFlagRules(ctx: AppContext): FlagRules {
  const stored = (key: string, fallback: string[]): string[] => {
    const v = getSetting<unknown>(ctx.db, key);
    return Array.isArray(v) && v.every((x) => typeof x === "string") ? v : fallback;
  };
  const flags = stored("review.flag_patterns", ctx.config.review.flag_patterns);
  const funds = stored("review.fund_org_patterns", ctx.config.review.fund_org_patterns);
  return {
    flagPatterns: flags.map((p, i) => ({
      source: p,
      regex: compileConfigRegex(p, `review.flag_patterns[${i}]`, "i"),
    })),
    fundOrgPatterns: funds.map((p, i) => compileConfigRegex(p, `review.fund_org_patterns[${i}]`)),
    funding: fundingRules(ctx.config.funding),
  };
}
