/**
 * The statements page's list: a period's statements grouped per PI, each PI
 * with how many of their latest revisions are sent ("2 of 3 sent") and their
 * total; searched, sorted, and with totals of the whole list. Money sums are
 * integer micro-units per currency (currencies are never added together).
 */

import type { AppContext } from "../app_context.ts";
import { parseMicros } from "../domain/money.ts";
import { listStatements } from "./list_statements.ts";
import type { StatementListEntry } from "./statement_summary.ts";

/** Orders of the list: by PI, largest amount first, not-sent first. */
export const STATEMENT_SORTS = ["pi", "-amount", "amount", "unsent"] as const;
/** One order of STATEMENT_SORTS. */
export type StatementSort = typeof STATEMENT_SORTS[number];

/** An amount per currency, micro-units. */
export interface CurrencyAmount {
  currency: string;
  billed: number;
}

/** One PI's statements of a period. */
export interface PiStatementGroup {
  pi: string;
  /** Latest revisions first (by number), then the superseded ones. */
  statements: StatementListEntry[];
  /** How many statements (latest revisions) the PI has, and how many are sent. */
  count: number;
  sent: number;
  /** Sum of the latest revisions, per currency. */
  totals: CurrencyAmount[];
}

/** The grouped list and its totals. */
export interface StatementGroups {
  groups: PiStatementGroup[];
  /** Statements (latest revisions) and sent ones over every group shown. */
  count: number;
  sent: number;
  totals: CurrencyAmount[];
}

function addTotals(into: CurrencyAmount[], e: StatementListEntry): void {
  for (const t of e.totals) {
    const micros = parseMicros(t.billedCost) ?? 0;
    const have = into.find((x) => x.currency === t.currency);
    if (have) have.billed += micros;
    else into.push({ currency: t.currency, billed: micros });
  }
  into.sort((a, b) => a.currency.localeCompare(b.currency));
}

/** True when `e` contains `q` (lower-cased) in its number, PI, project or fund/org. */
function matches(e: StatementListEntry, q: string): boolean {
  return [e.number, e.pi, e.project ?? "", e.fundOrg].some((v) => v.toLowerCase().includes(q));
}

/**
 * The statements of `period` (one PI only with `pi`) grouped per PI. `search`
 * keeps the statements whose number, PI, project or fund/org contains it (any
 * case; a PI whose email matches keeps all theirs).
 */
export function listStatementGroups(
  ctx: AppContext,
  opts: { period: string; pi?: string; search?: string; sort?: StatementSort },
): StatementGroups {
  const q = (opts.search ?? "").trim().toLowerCase();
  const all = listStatements(ctx, { period: opts.period, pi: opts.pi })
    .filter((e) => q === "" || matches(e, q));
  const byPi = new Map<string, PiStatementGroup>();
  for (const e of all) {
    let g = byPi.get(e.pi);
    if (!g) byPi.set(e.pi, g = { pi: e.pi, statements: [], count: 0, sent: 0, totals: [] });
    g.statements.push(e);
    if (!e.latest) continue;
    g.count++;
    if (e.sentAt) g.sent++;
    addTotals(g.totals, e);
  }
  const groups = [...byPi.values()];
  for (const g of groups) {
    g.statements.sort((a, b) =>
      Number(b.latest) - Number(a.latest) || a.number.localeCompare(b.number) ||
      b.revision - a.revision
    );
  }
  const first = (g: PiStatementGroup) => g.totals[0]?.billed ?? 0;
  const sort = opts.sort ?? "pi";
  groups.sort((a, b) => {
    if (sort === "-amount") return first(b) - first(a) || a.pi.localeCompare(b.pi);
    if (sort === "amount") return first(a) - first(b) || a.pi.localeCompare(b.pi);
    if (sort === "unsent") {
      return (b.count - b.sent) - (a.count - a.sent) || a.pi.localeCompare(b.pi);
    }
    return a.pi.localeCompare(b.pi);
  });
  const totals: CurrencyAmount[] = [];
  for (const g of groups) for (const e of g.statements) if (e.latest) addTotals(totals, e);
  return {
    groups,
    count: groups.reduce((n, g) => n + g.count, 0),
    sent: groups.reduce((n, g) => n + g.sent, 0),
    totals,
  };
}
