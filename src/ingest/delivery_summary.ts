/**
 * The outcome of a delivery as the `ingest --json` contract reports it, and
 * the currency its top-level totals are in.
 */

import type { AppContext } from "../app_context.ts";
import { microsToDecimal } from "../domain/money.ts";
import type { DeliveryDiff, StageTotals } from "../storage/mod.ts";

/** Totals of one currency of a delivery (money as decimal strings). */
export interface CurrencyTotals {
  currency: string;
  rows: number;
  billedCost: string;
  listCost: string;
}

/** The outcome of a delivery: the `ingest --json` contract plus importId and currencies. */
export interface IngestSummary {
  source: string;
  files: string[];
  focusVersion: string | null;
  periods: string[];
  rows: number;
  added: number;
  removed: number;
  unchanged: number;
  flagged: number;
  /** Sum over all rows of `currency` (the delivery's only currency, see `currencies`). */
  billedCost: string;
  listCost: string;
  status: "imported" | "unchanged" | "dry-run";
  dryRun: boolean;
  importId: number | null;
  /** The currency of billedCost/listCost. */
  currency: string;
  /** Per-currency totals, sorted by currency (amounts of different currencies are never added). */
  currencies: CurrencyTotals[];
}

/** The currency the top-level totals are in: the only one, else the config's, else the most used. */
export function mainCurrency(ctx: AppContext, totals: StageTotals) {
  const list = totals.byCurrency;
  if (list.length <= 1) return list[0];
  return list.find((c) => c.currency === ctx.config.currency) ??
    [...list].sort((a, b) => b.rows - a.rows)[0];
}

/** The summary of a delivery. */
export function summarize(
  ctx: AppContext,
  base: Pick<IngestSummary, "source" | "files" | "focusVersion" | "periods">,
  totals: StageTotals,
  diff: DeliveryDiff,
  status: IngestSummary["status"],
  importId: number | null,
): IngestSummary {
  const main = mainCurrency(ctx, totals);
  return {
    ...base,
    rows: totals.rows,
    added: diff.added,
    removed: diff.removed,
    unchanged: diff.unchanged,
    flagged: totals.flagged,
    billedCost: microsToDecimal(main?.billed ?? 0),
    listCost: microsToDecimal(main?.list ?? 0),
    status,
    dryRun: status === "dry-run",
    importId,
    currency: main?.currency ?? ctx.config.currency,
    currencies: totals.byCurrency.map((c) => ({
      currency: c.currency,
      rows: c.rows,
      billedCost: microsToDecimal(c.billed),
      listCost: microsToDecimal(c.list),
    })),
  };
}
