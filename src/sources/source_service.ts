/**
 * Sources: listing with their last import and totals, and finding one by a
 * user-given name. Names are compared without case: `AWS` and `aws` are the
 * same source.
 */

import type { AppContext } from "../app_context.ts";
import { NotFoundError } from "../domain/errors.ts";
import {
  type Database,
  findSource,
  listSourceCurrencyTotals,
  listSourcesWithTotals,
  type SourceRow,
} from "../storage/mod.ts";
import {
  combineCurrencyTotals,
  type MoneyTotals,
  moneyTotalsJson,
} from "../domain/currency_totals.ts";

/** A source with its last import and the totals of its non-rejected charges. */
export interface SourceSummary {
  id: number;
  /** Canonical (lower-case) name. */
  name: string;
  displayName: string;
  createdAt: string;
  /** When the last delivery was imported (ISO 8601), or null. */
  lastImport: string | null;
  charges: number;
  money: MoneyTotals;
}

/** All sources, by name, with last import and totals. */
export function listSources(ctx: AppContext): SourceSummary[] {
  const money = new Map<number, { currency: string; billedCost: number; listCost: number }[]>();
  for (const r of listSourceCurrencyTotals(ctx.db)) {
    const list = money.get(r.source_id) ?? [];
    list.push({ currency: r.billing_currency, billedCost: r.billed_cost, listCost: r.list_cost });
    money.set(r.source_id, list);
  }
  return listSourcesWithTotals(ctx.db).map((r) => ({
    id: r.id,
    name: r.name,
    displayName: r.display_name,
    createdAt: r.created_at,
    lastImport: r.last_import,
    charges: r.charges,
    money: combineCurrencyTotals(money.get(r.id) ?? []),
  }));
}

/** The stored source named by user input (any case), or a NotFoundError listing the known ones. */
export function requireSource(db: Database, name: string): SourceRow {
  const row = findSource(db, name);
  if (row) return row;
  const known = listSourcesWithTotals(db).map((s) => s.name);
  throw new NotFoundError(`source '${name.trim()}' does not exist.`, {
    hint: known.length ? `Known sources: ${known.join(", ")}.` : "There are no sources yet.",
  });
}

/** The `sources list --json` element for a source. */
export function sourceSummaryJson(s: SourceSummary) {
  return {
    name: s.name,
    displayName: s.displayName,
    lastImport: s.lastImport,
    charges: s.charges,
    ...moneyTotalsJson(s.money),
  };
}
