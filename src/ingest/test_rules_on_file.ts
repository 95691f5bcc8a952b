/**
 * `attribution test FILE`: read FOCUS files as an ingest would (nothing is
 * stored) and report which attribution rules match which rows, with counts,
 * what the rules set, and the missing-attribution flags that remain.
 */

import type { AppContext } from "../app_context.ts";
import { loadAttributionPlan, loadFlagRules, matchStoredRule } from "../attribution/mod.ts";
import type { Charge } from "../domain/charge.ts";
import { parseFlagReasons } from "../domain/flag_reasons.ts";
import type { IngestFile } from "./ingest_file.ts";
import { readDelivery } from "./read_delivery.ts";

/** One rule's matches in the files. */
export interface RuleFileMatches {
  name: string;
  origin: "config" | "database";
  /** Rows every condition of the rule holds for. */
  matched: number;
  /** Rows where the rule set at least one field (precedence and earlier rules allowing). */
  applied: number;
  /** The first matching rows as file:line. */
  firstRows: string[];
}

/** What testing the rules on files found. */
export interface RuleFileTest {
  files: string[];
  rows: number;
  /** Rows no rule matched. */
  unmatched: number;
  rules: RuleFileMatches[];
  /** Rows still flagged, per reason. */
  flags: Record<string, number>;
}

const FIRST_ROWS = 5;

/** Read `files` with the rules (of `source` when given) and count their matches. */
export async function testRulesOnFiles(
  ctx: AppContext,
  files: IngestFile[],
  source?: string,
): Promise<RuleFileTest> {
  const plan = loadAttributionPlan(ctx, source);
  const stats = plan.rules.map((r) => ({
    name: r.name,
    origin: r.origin,
    matched: 0,
    applied: 0,
    firstRows: [] as string[],
  }));
  const flags: Record<string, number> = {};
  let unmatched = 0;
  const read = await readDelivery(files, {
    add(rows: Charge[]) {
      for (const c of rows) {
        let any = false;
        plan.rules.forEach((rule, i) => {
          if (!matchStoredRule(rule, c, source ?? null)) return;
          any = true;
          const s = stats[i];
          s.matched++;
          if (s.firstRows.length < FIRST_ROWS) s.firstRows.push(`${c.fileName}:${c.lineNo}`);
        });
        if (!any) unmatched++;
        const applied = new Set(
          Object.values(c.attribution ? JSON.parse(c.attribution) as Record<string, string> : {}),
        );
        plan.rules.forEach((rule, i) => {
          if (applied.has(`rule:${rule.name}`)) stats[i].applied++;
        });
        for (const f of parseFlagReasons(c.flags)) flags[f] = (flags[f] ?? 0) + 1;
      }
    },
  }, {
    defaultCurrency: ctx.config.currency,
    finishing: {
      tagMapping: ctx.config.tag_mapping,
      rules: loadFlagRules(ctx),
      expectedPeriod: null,
      attribution: plan,
    },
  });
  if (read.errors.count > 0) throw read.errors.toUserError();
  return {
    files: read.files.map((f) => f.name),
    rows: read.rows,
    unmatched,
    rules: stats,
    flags,
  };
}
