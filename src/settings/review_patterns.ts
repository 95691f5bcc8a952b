/**
 * Review pattern settings changed from the web: `review.flag_patterns` and
 * `review.fund_org_patterns` overrides stored in the settings table (config
 * values are the defaults), and a tester that runs candidate patterns
 * against a period's real charges. The one place the patterns in force are
 * resolved and compiled: the ingest's flag rules (attribution_plan.ts) and
 * the settings page both ask here.
 */

import { audit } from "../audit/mod.ts";
import type { AppContext } from "../app_context.ts";
import { compileConfigRegex } from "../config/mod.ts";
import { UserError } from "../domain/errors.ts";
import {
  chargeTextSample,
  deleteSetting,
  distinctFundOrgs,
  getSetting,
  putSetting,
} from "../storage/mod.ts";

/** Which pattern list. */
export type PatternKind = "flag" | "fund_org";

/** The settings key of each kind. */
const PATTERN_KEYS: Record<PatternKind, string> = {
  flag: "review.flag_patterns",
  fund_org: "review.fund_org_patterns",
};

/** The patterns in force and where they come from. */
export interface EffectivePatterns {
  patterns: string[];
  origin: "config" | "database";
}

/** The patterns of `kind` in force (a database override of strings, else config). */
export function effectivePatterns(ctx: AppContext, kind: PatternKind): EffectivePatterns {
  const stored = getSetting<unknown>(ctx.db, PATTERN_KEYS[kind]);
  if (Array.isArray(stored) && stored.every((x) => typeof x === "string")) {
    return { patterns: [...stored], origin: "database" };
  }
  const cfg = kind === "flag"
    ? ctx.config.review.flag_patterns
    : ctx.config.review.fund_org_patterns;
  return { patterns: [...cfg], origin: "config" };
}

/** Split a textarea into patterns: one per line, blank lines dropped. */
export function patternLines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
}

/** Compile the `i`-th pattern of `kind` as the ingest uses it (flag patterns ignore case). */
export function compilePattern(kind: PatternKind, pattern: string, i: number): RegExp {
  return compileConfigRegex(pattern, `${PATTERN_KEYS[kind]}[${i}]`, kind === "flag" ? "i" : "");
}

/** Compile patterns the way the ingest does, or throw naming the line. */
function compilePatterns(kind: PatternKind, patterns: string[]): RegExp[] {
  return patterns.map((p, i) => {
    try {
      return compilePattern(kind, p, i);
    } catch (e) {
      if (e instanceof UserError) {
        throw new UserError(`line ${i + 1}: ${e.message}`, { hint: "Fix or remove that line." });
      }
      throw e;
    }
  });
}

/** Store an override for `kind` (validated, audited). */
export function savePatterns(ctx: AppContext, kind: PatternKind, patterns: string[]): void {
  compilePatterns(kind, patterns);
  const before = effectivePatterns(ctx, kind);
  const at = ctx.now().toISOString();
  ctx.db.transaction(() => {
    putSetting(ctx.db, PATTERN_KEYS[kind], patterns, ctx.actor, at);
    audit(ctx, "settings.update", { before: before.patterns, after: patterns }, {
      entity: "setting",
      entityId: PATTERN_KEYS[kind],
      at,
    });
  });
}

/** Drop the override of `kind` so the config value applies again (audited). */
export function resetPatterns(ctx: AppContext, kind: PatternKind): void {
  const before = effectivePatterns(ctx, kind);
  const at = ctx.now().toISOString();
  ctx.db.transaction(() => {
    deleteSetting(ctx.db, PATTERN_KEYS[kind]);
    audit(ctx, "settings.reset", { before: before.patterns }, {
      entity: "setting",
      entityId: PATTERN_KEYS[kind],
      at,
    });
  });
}

/** What a pattern test found. */
export interface PatternTestResult {
  scanned: number;
  /** Charges (flag) or fund/org values (fund_org) that would be flagged. */
  matches: number;
  examples: { id?: number; text: string; charges?: number }[];
}

/** The most charges the tester reads. */
export const TEST_SCAN_LIMIT = 200_000;

/**
 * Run candidate patterns against the charges of `period`: for flag patterns,
 * the charges whose service name, resource id or resource name match; for
 * fund/org patterns, the fund/org values that match none (invalid_fund_org).
 */
export function testPatterns(
  ctx: AppContext,
  kind: PatternKind,
  patterns: string[],
  period: string,
): PatternTestResult {
  const regexes = compilePatterns(kind, patterns);
  const hit = (text: string | null) => text !== null && regexes.some((r) => r.test(text));
  if (kind === "fund_org") {
    const values = distinctFundOrgs(ctx.db, period).filter((v) => v.fund_org !== null);
    const bad = regexes.length === 0 ? [] : values.filter((v) => !hit(v.fund_org));
    return {
      scanned: values.length,
      matches: bad.length,
      examples: bad.slice(0, 20).map((v) => ({ text: v.fund_org!, charges: v.charges })),
    };
  }
  const rows = chargeTextSample(ctx.db, period, TEST_SCAN_LIMIT);
  const matched = regexes.length === 0
    ? []
    : rows.filter((r) => hit(r.service_name) || hit(r.resource_id) || hit(r.resource_name));
  return {
    scanned: rows.length,
    matches: matched.length,
    examples: matched.slice(0, 20).map((r) => ({
      id: r.id,
      text: [r.service_name, r.resource_id, r.resource_name].filter(Boolean).join(" · "),
    })),
  };
}
