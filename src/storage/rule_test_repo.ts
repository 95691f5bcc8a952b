/**
 * The attribution tester's read: a period's charges grouped by what a rule
 * can match on (source, Tags, the columns the rules name, and the extra
 * columns only when a rule needs them), with counts, exact billed sums
 * (integer micro-units) and the first charge id per group. Tags and extra
 * JSON are stored once per distinct text, so a tag-only rule set reads a few
 * groups instead of every charge.
 */

import type { Database } from "./database.ts";

/** One group of charges that every rule sees alike. */
export interface RuleTestGroup {
  first_id: number;
  source_name: string;
  billing_currency: string;
  tags: string | null;
  extra: string | null;
  charges: number;
  billed: number;
  [column: string]: unknown;
}

/** The column names of the charge_values view (every column of a charge by name). */
export function chargeValueColumns(db: Database): string[] {
  return db.all<{ name: string }>("SELECT name FROM pragma_table_info('charge_values')")
    .map((r) => r.name);
}

/**
 * The groups of `period`. `columns` are charge_values column names (others
 * are left out); `extra`: read the extra JSON always, only for charges where
 * one of `columns` is NULL (rules fall back to it then), or never.
 */
export function listRuleTestGroups(
  db: Database,
  period: string,
  columns: string[],
  extra: "always" | "when_null" | "never",
): RuleTestGroup[] {
  const known = new Set(chargeValueColumns(db));
  const cols = [...new Set(columns)].filter((c) => known.has(c));
  const extraSql = extra === "always"
    ? "c.extra"
    : extra === "when_null" && cols.length > 0
    ? `CASE WHEN ${cols.map((c) => `c."${c}" IS NULL`).join(" OR ")} THEN c.extra END`
    : "NULL";
  const picked = cols.map((c) => `, c."${c}" AS "${c}"`).join("");
  const groupBy = [
    "s.name",
    "c.billing_currency",
    "c.tags",
    "x_extra",
    ...cols.map((c) => `c."${c}"`),
  ]
    .join(", ");
  return db.all<RuleTestGroup>(
    `SELECT min(c.id) AS first_id, s.name AS source_name, c.billing_currency, c.tags,
       ${extraSql} AS x_extra, count(*) AS charges, sum(c.billed_cost) AS billed${picked}
     FROM charge_values c JOIN sources s ON s.id = c.source_id
     WHERE c.period = ?
     GROUP BY ${groupBy}
     ORDER BY first_id`,
    period,
  ).map((g) => ({ ...g, extra: (g.x_extra as string | null) ?? null }));
}
