/**
 * The outcome of a delivery as the `ingest --json` contract reports it, and
 * the currency its top-level totals are in.
 */

import type { AppContext } from "../app_context.ts";
import { microsToDecimal } from "../domain/money.ts";
import type { DeliveryDiff, ImportFileRecord, StageTotals } from "../storage/mod.ts";

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
  /**
   * Sums over all rows; null when the delivery holds more than one currency
   * (amounts of different currencies are never added: see `currencies`).
   */
  billedCost: string | null;
  listCost: string | null;
  /** "empty": the delivery has no rows and changed nothing (see --replace-empty). */
  status: "imported" | "unchanged" | "empty" | "dry-run";
  dryRun: boolean;
  importId: number | null;
  /** The currency of billedCost/listCost; null when the delivery holds several. */
  currency: string | null;
  /** Per-currency totals, sorted by currency (amounts of different currencies are never added). */
  currencies: CurrencyTotals[];
  /** Set when the source is neither registered nor known (a dry run still checks it). */
  newSource?: { name: string; suggestion: string | null } | null;
  /** One line per thing the user should know although nothing was refused (e.g. a currency taken from the config). */
  warnings: string[];
}

/**
 * The warning lines of a delivery's files: rows that took the config currency
 * because their file has no BillingCurrency (or pre-1.0 BilledCurrency)
 * column, or because their cell was empty.
 */
export function currencyWarnings(files: ImportFileRecord[], currency: string): string[] {
  return files.flatMap((f) => {
    const n = f.currencyDefaulted ?? 0;
    if (n === 0) return [];
    const rows = `${n} row${n === 1 ? "" : "s"}`;
    const hasColumn = f.columns.some((c) => {
      const k = c.trim().toLowerCase();
      return k === "billingcurrency" || k === "billedcurrency";
    });
    return [
      hasColumn
        ? `${f.name}: ${rows} with an empty BillingCurrency take the config currency, ${currency}.`
        : `${f.name}: no BillingCurrency column; its ${rows} take the config currency, ${currency}.`,
    ];
  });
}

/**
 * The currency the stored import record's totals are in: the only one, else
 * the config's, else the most used (the JSON summary reports null totals for a
 * mixed delivery, and every currency in `currencies`).
 */
export function mainCurrency(ctx: AppContext, totals: StageTotals) {
  const list = totals.byCurrency;
  if (list.length <= 1) return list[0];
  return list.find((c) => c.currency === ctx.config.currency) ??
    [...list].sort((a, b) => b.rows - a.rows)[0];
}

/** The summary of a delivery. */
export function summarize(
  ctx: AppContext,
  base: Pick<IngestSummary, "source" | "files" | "focusVersion" | "periods" | "warnings">,
  totals: StageTotals,
  diff: DeliveryDiff,
  status: IngestSummary["status"],
  importId: number | null,
): IngestSummary {
  const main = mainCurrency(ctx, totals);
  const mixed = totals.byCurrency.length > 1;
  const { warnings, ...head } = base;
  return {
    ...head,
    rows: totals.rows,
    added: diff.added,
    removed: diff.removed,
    unchanged: diff.unchanged,
    flagged: totals.flagged,
    billedCost: mixed ? null : microsToDecimal(main?.billed ?? 0),
    listCost: mixed ? null : microsToDecimal(main?.list ?? 0),
    status,
    dryRun: status === "dry-run",
    importId,
    currency: mixed ? null : main?.currency ?? ctx.config.currency,
    currencies: totals.byCurrency.map((c) => ({
      currency: c.currency,
      rows: c.rows,
      billedCost: microsToDecimal(c.billed),
      listCost: microsToDecimal(c.list),
    })),
    warnings,
  };
}
