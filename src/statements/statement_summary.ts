/** The public (--json / web) shapes of statements, built from models and stored rows. */

import { minorDecimal } from "../domain/money_format.ts";
import type { StatementRow } from "../storage/mod.ts";
import type { StatementModel } from "./statement_model.ts";

/** Totals of one currency, micro-units. */
export interface CurrencyTotals {
  currency: string;
  billed: number;
  list: number;
  discount: number;
  credits: number;
  /**
   * Exact sums of the statement's charges (micro-units): what the rounded
   * figures came from (money rule 2; absent on older stored statements).
   */
  exactBilled?: number;
  exactList?: number;
}

/** A statement in `generate --json` (money as decimal strings). */
export interface StatementSummary {
  number: string;
  pi: string;
  piName: string;
  project: string | null;
  fundOrg: string;
  /** The currency; codes joined with "," when the statement has separate currency sections. */
  currency: string;
  /** Amount due; null when the statement has more than one currency (see totals). */
  billedCost: string | null;
  listCost: string | null;
  discount: string | null;
  /** Per-currency totals (always present). */
  totals: { currency: string; billedCost: string; listCost: string; discount: string }[];
  charges: number;
  /** Absolute PDF path; null in a dry run. */
  pdf: string | null;
  revision: number;
  /** new, revised or unchanged by this run. */
  status: "new" | "revised" | "unchanged";
  /** The revision this one replaces, or null. */
  replaces: number | null;
}

/** A statement revision in `statements list --json`. */
export interface StatementListEntry {
  number: string;
  revision: number;
  pi: string;
  project: string | null;
  fundOrg: string;
  currency: string;
  billedCost: string | null;
  totals: { currency: string; billedCost: string; listCost: string; discount: string }[];
  pdf: string;
  generatedAt: string;
  sentAt: string | null;
  replaces: number | null;
  /** Change in amount due against the replaced revision, per currency (null for revision 1). */
  amountChange: { currency: string; change: string }[] | null;
  contentHash: string;
  latest: boolean;
  /** The payment due date printed on the statement (YYYY-MM-DD), null when none was printed. */
  dueOn: string | null;
}

/** Per-currency totals of a model. */
export function modelTotals(model: StatementModel): CurrencyTotals[] {
  return model.sections.map((s) => ({
    currency: s.currency,
    billed: s.totals.billed,
    list: s.totals.listAll,
    discount: s.totals.discountAll,
    credits: s.totals.credits,
    exactBilled: s.totals.exactBilled,
    exactList: s.totals.exactList,
  }));
}

/** The stored totals of a statement row. */
export function rowTotals(row: StatementRow): CurrencyTotals[] {
  return JSON.parse(row.totals) as CurrencyTotals[];
}

/** Totals as decimal strings. */
export function totalsJson(totals: CurrencyTotals[]) {
  return totals.map((t) => ({
    currency: t.currency,
    billedCost: minorDecimal(t.billed, t.currency),
    listCost: minorDecimal(t.list, t.currency),
    discount: minorDecimal(t.discount, t.currency),
  }));
}

/** The single-currency figures of a statement, or nulls when it has several currencies. */
export function singleCurrency(totals: CurrencyTotals[]): {
  currency: string;
  billed: number | null;
  list: number | null;
  discount: number | null;
} {
  if (totals.length === 1) {
    const t = totals[0];
    return { currency: t.currency, billed: t.billed, list: t.list, discount: t.discount };
  }
  if (totals.length === 0) return { currency: "", billed: 0, list: 0, discount: 0 };
  return {
    currency: totals.map((t) => t.currency).join(","),
    billed: null,
    list: null,
    discount: null,
  };
}

/** A stored revision as a `generate --json` entry. */
export function summaryFromRow(
  row: StatementRow,
  status: StatementSummary["status"],
): StatementSummary {
  const totals = rowTotals(row);
  const single = singleCurrency(totals);
  return {
    number: row.number,
    pi: row.pi_email,
    piName: row.pi_name,
    project: row.project_id,
    fundOrg: row.fund_org,
    currency: single.currency,
    billedCost: single.billed === null ? null : minorDecimal(single.billed, single.currency),
    listCost: single.list === null ? null : minorDecimal(single.list, single.currency),
    discount: single.discount === null ? null : minorDecimal(single.discount, single.currency),
    totals: totalsJson(totals),
    charges: row.charges,
    pdf: row.pdf_path,
    revision: row.revision,
    status,
    replaces: row.replaces_revision,
  };
}
