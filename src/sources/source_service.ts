/**
 * Sources: listing with their last import and totals, and adding one by hand.
 * Names are compared without case: `AWS` and `aws` are the same source.
 */

import type { AppContext } from "../app_context.ts";
import { NotFoundError, UserError } from "../domain/errors.ts";
import {
  appendAudit,
  type Database,
  findSource,
  insertSource,
  listSourceCurrencyTotals,
  listSourcesWithTotals,
  type SourceRow,
} from "../storage/mod.ts";
import {
  combineCurrencyTotals,
  type MoneyTotals,
  moneyTotalsJson,
} from "../charges/currency_totals.ts";
import { checkSourceName, knownSourceFor } from "./ensure_source.ts";

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

/** A source as added. */
export interface AddedSource {
  id: number;
  name: string;
  displayName: string;
  createdAt: string;
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

/**
 * Register a source. Refused when a source of that name exists in any case.
 * The display name defaults to the `imports.known_sources` entry, else the
 * name as typed. Audited as `source.add`.
 */
export function addSource(ctx: AppContext, name: string, displayName?: string): AddedSource {
  const clean = checkSourceName(name);
  const display = displayName?.trim() || knownDisplayName(ctx, clean) || clean;
  return ctx.db.transaction(() => {
    const existing = findSource(ctx.db, clean);
    if (existing) {
      throw new UserError(
        `source '${clean}' already exists as '${existing.name}' (${existing.display_name}).`,
        { hint: "Source names are compared without case; use the existing source." },
      );
    }
    const at = ctx.now().toISOString();
    const row = insertSource(ctx.db, clean, display, at);
    appendAudit(ctx.db, {
      at,
      actor: ctx.actor,
      action: "source.add",
      entity: "source",
      entityId: row.id,
      details: { name: row.name, displayName: display, by: "sources add" },
    });
    return { id: row.id, name: row.name, displayName: display, createdAt: at };
  });
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

function knownDisplayName(ctx: AppContext, name: string): string | undefined {
  const known = knownSourceFor(ctx.config, name);
  return known?.display_name || known?.name || undefined;
}

/** The `sources list --json` element for a source. */
export function sourceSummaryJson(s: SourceSummary) {
  const m = moneyTotalsJson(s.money);
  return {
    name: s.name,
    displayName: s.displayName,
    lastImport: s.lastImport,
    charges: s.charges,
    billedCost: m.billedCost,
    listCost: m.listCost,
    currency: m.currency,
    totals: m.totals,
  };
}
