/**
 * Charge texts stored once (migration 0014): the low-cardinality text columns of a charge
 * are kept in `charge_texts` (one row per distinct text) and each charge holds their ids in
 * `<column>_ref`. Nothing outside src/storage sees the ids: the view `charge_values` has
 * every column under its own name with its text, and the writers intern on the way in
 * (TextInterner row by row; internStagedTexts set-wise for a staged delivery).
 *
 * Texts are never deleted: archived rows (replaced_charges, db archive files) keep ids
 * that must stay valid, and the table stays small (distinct values only).
 */

import type { Database } from "./database.ts";

/** The charges columns stored as a charge_texts id, under `<column>_ref`. */
// deno-fmt-ignore
export const INTERNED_COLUMNS: ReadonlySet<string> = new Set([
  "file_name", "billing_period_start", "billing_period_end", "charge_period_start",
  "charge_period_end", "pricing_unit", "consumed_unit", "charge_category", "charge_class",
  "charge_description", "charge_frequency", "service_category", "resource_type", "region_id",
  "sub_account_id", "sub_account_name", "billing_account_id", "provider_name", "publisher_name",
  "invoice_issuer_name", "invoice_id", "sku_id", "sku_price_id", "tags", "extra",
]);

/** The stored column of a charges column (`tags` -> `tags_ref`; others unchanged). */
export function storedColumn(column: string): string {
  return INTERNED_COLUMNS.has(column) ? `${column}_ref` : column;
}

/**
 * SQL for the value of charges column `column` of the row aliased `alias` (the text of an
 * interned column; the column itself otherwise).
 */
export function chargeValueSql(alias: string, column: string): string {
  return INTERNED_COLUMNS.has(column)
    ? `(SELECT value FROM charge_texts WHERE id = ${alias}.${column}_ref)`
    : `${alias}.${column}`;
}

/** SQL for the charge_texts id of the text `expr` (NULL stays NULL); intern it first. */
export function textIdSql(expr: string): string {
  return `(SELECT id FROM charge_texts WHERE value = ${expr})`;
}

/** Distinct texts kept in memory per interner before it starts over (bounds its memory). */
const MAX_CACHED = 200_000;

/**
 * Interns texts row by row inside the caller's write transaction. Its cache holds ids
 * written in that transaction: use one interner per transaction (a rollback forgets them).
 */
export class TextInterner {
  #ids = new Map<string, number>();
  #find;
  #insert;

  constructor(db: Database) {
    this.#find = db.prepare("SELECT id FROM charge_texts WHERE value = ?");
    this.#insert = db.prepare("INSERT INTO charge_texts (value) VALUES (?)");
  }

  /** The last text and id of each slot (a column): most columns repeat row after row. */
  #lastText: unknown[] = [];
  #lastId: (number | null)[] = [];

  /** The id of `value` (added when new), or null for null; `slot` names the column. */
  ref(value: unknown, slot = 0): number | null {
    if (value === null || value === undefined) return null;
    if (this.#lastText[slot] === value) return this.#lastId[slot];
    const text = typeof value === "string" ? value : String(value);
    let id = this.#ids.get(text);
    if (id !== undefined) return id;
    const row = this.#find.get(text) as { id: number } | undefined;
    id = row ? Number(row.id) : Number(this.#insert.run(text).lastInsertRowid);
    if (this.#ids.size >= MAX_CACHED) this.#ids.clear();
    this.#ids.set(text, id);
    this.#lastText[slot] = value;
    this.#lastId[slot] = id;
    return id;
  }
}

/**
 * Add the `texts` charge_texts lacks (a staged delivery's, collected while staging: one
 * pass in JS instead of a scan of the stage per column). Call in the write transaction.
 */
export function internTexts(db: Database, texts: Iterable<string>): void {
  const insert = db.prepare("INSERT OR IGNORE INTO charge_texts (value) VALUES (?)");
  for (const t of texts) insert.run(t);
}
