/**
 * Writing charges for a delivery: rows are staged in a TEMP table (the main
 * database is untouched while a file is read), then compared with what the
 * source holds and applied set-wise: INSERT ... SELECT the new rows, DELETE
 * the vanished ones. Rows keep their id (and review decisions) when their
 * (fingerprint, occurrence) is already stored.
 *
 * A redelivery is mostly rows already stored: once the stage knows the source
 * (useStoredKeys), a row whose (period, fingerprint) the source already holds
 * is staged lean, by its key and place only (fingerprint, period, file, line).
 * The comparison needs nothing else. Should such a row still turn out new (the
 * delivery repeats an identical row more often than the stored one did), its
 * content is that of its stored twin (same fingerprint: the same cells), which
 * apply() copies; only its file and line are its own.
 */

import type { Charge } from "../domain/charge.ts";
import type { StatementSync } from "node:sqlite";
import type { Database } from "./database.ts";
import { archiveReplacedCharges } from "./import_revert_repo.ts";
import { INTERNED_COLUMNS, internTexts, storedColumn, textIdSql } from "./charge_texts.ts";

/** One finished charge, ready to stage (the domain type; see src/domain/charge.ts). */
export type StagedCharge = Charge;

/** StagedCharge fields in stage/charges column order (SQL column = snake_case of the field). */
// deno-fmt-ignore
const FIELD_ORDER: (keyof StagedCharge)[] = [
  "fingerprint", "fileName", "lineNo", "period", "billingPeriodStart", "billingPeriodEnd",
  "chargePeriodStart", "chargePeriodEnd", "billedCost", "listCost", "contractedCost",
  "effectiveCost", "listUnitPrice", "contractedUnitPrice", "pricingQuantity", "pricingUnit",
  "consumedQuantity", "consumedUnit", "billingCurrency", "chargeCategory", "chargeClass",
  "chargeDescription", "chargeFrequency", "serviceName", "serviceCategory", "resourceId",
  "resourceName", "resourceType", "regionId", "subAccountId", "subAccountName",
  "billingAccountId", "providerName", "publisherName", "invoiceIssuerName", "invoiceId", "skuId",
  "skuPriceId", "tags", "extra", "piEmail", "piName", "projectId", "fundOrg", "costCenter",
  "reference1", "reference2", "accountCode", "flags", "attribution",
];
/** StagedCharge field -> SQL column. */
const COLUMN_OF: [keyof StagedCharge, string][] = FIELD_ORDER.map((f) => [
  f,
  f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/(\d)$/, "_$1"),
]);
/** StagedCharge fields in charges column order. */
export const CHARGE_FIELDS: readonly (keyof StagedCharge)[] = FIELD_ORDER;
const FIELDS = FIELD_ORDER;
/** The stage's columns (the charges columns by name: texts, not ids), comma-separated. */
const COLUMNS = COLUMN_OF.map(([, c]) => c).join(", ");
/** The stored charges columns of CHARGE_FIELDS (`tags_ref` for `tags`...), comma-separated. */
export const CHARGE_COLUMNS = COLUMN_OF.map(([, c]) => storedColumn(c)).join(", ");
/** For each of CHARGE_FIELDS: true when it is stored as a charge_texts id (charge_texts.ts). */
export const CHARGE_FIELD_INTERNED: readonly boolean[] = COLUMN_OF.map(([, c]) =>
  INTERNED_COLUMNS.has(c)
);
/** The indexes in FIELDS of the interned columns. */
const INTERNED_FIELD_INDEXES = CHARGE_FIELD_INTERNED.flatMap((x, i) => (x ? [i] : []));

/** Page cache (KiB, negative) while a delivery is applied: 64 MB. */
const BULK_CACHE_SIZE = -65536;

let stageCounter = 0;

/** A TEMP staging table for one delivery; drop() it when done. */
export class ChargeStage {
  readonly db: Database;
  readonly table: string;
  #insertSql: string;
  #leanSql: string;
  #indexed = false;
  /** The source whose stored keys make rows lean, or null (every row staged whole). */
  #sourceId: number | null = null;
  /** The distinct texts of the staged rows' interned columns, interned by apply(). */
  #texts = new Set<string>();

  /** Create an empty staging table on `db`'s connection (TEMP: nothing reaches the db file). */
  constructor(db: Database) {
    this.db = db;
    this.table = `temp.ingest_stage_${++stageCounter}_${Date.now()}`;
    db.sql.exec(
      `CREATE TABLE ${this.table} (seq INTEGER PRIMARY KEY, ${
        COLUMN_OF.map(([, c]) => c).join(", ")
      }, occurrence INTEGER NOT NULL DEFAULT 1, lean INTEGER NOT NULL DEFAULT 0)`,
    );
    this.#insertSql = `INSERT INTO ${this.table} (${COLUMNS}) VALUES (${
      FIELDS.map(() => "?").join(", ")
    })`;
    this.#leanSql =
      `INSERT INTO ${this.table} (fingerprint, file_name, line_no, period, lean) VALUES (?, ?, ?, ?, 1)`;
  }

  /**
   * Stage rows the source already stores by their key only (see the module
   * note). Call before the first add(), with the source's id.
   */
  useStoredKeys(sourceId: number): void {
    this.#sourceId = sourceId;
  }

  /** Stage a batch of rows in one (temp-only) transaction. */
  add(rows: StagedCharge[]): void {
    if (rows.length === 0) return;
    const stmt = this.db.prepare(this.#insertSql);
    // the stored keys are looked up through charges_identity; while a big first import has
    // the charges indexes dropped (charges_direct_write_repo.ts) every row is staged whole
    const sourceId = this.#sourceId !== null && hasIdentityIndex(this.db) ? this.#sourceId : null;
    const stored = sourceId === null ? null : this.db.prepare(
      "SELECT id FROM charges WHERE source_id = ? AND period = ? AND fingerprint = ? LIMIT 1",
    );
    const byId = this.db.prepare("SELECT source_id, period, fingerprint FROM charges WHERE id = ?");
    const lean = this.db.prepare(this.#leanSql);
    const texts = this.#texts;
    const own = !this.db.sql.isTransaction;
    if (own) this.db.sql.exec("BEGIN");
    try {
      const params = new Array(FIELDS.length);
      for (const r of rows) {
        if (stored !== null && this.#isStored(stored, byId, sourceId!, r)) {
          lean.run(r.fingerprint, r.fileName, r.lineNo, r.period);
          texts.add(r.fileName);
          continue;
        }
        for (let i = 0; i < FIELDS.length; i++) params[i] = r[FIELDS[i]];
        for (const i of INTERNED_FIELD_INDEXES) {
          const v = params[i];
          if (v !== null && v !== undefined) texts.add(typeof v === "string" ? v : String(v));
        }
        stmt.run(...params);
      }
      if (own) this.db.sql.exec("COMMIT");
    } catch (e) {
      if (own && this.db.sql.isTransaction) this.db.sql.exec("ROLLBACK");
      throw e;
    }
  }

  /**
   * The stored charge id a redelivered row is expected at: a redelivery mostly
   * repeats the stored rows in their order, so the next row is first looked
   * for by id (the table's next page, mostly cached), and only when that is
   * not its twin through the identity index (a random read of a big index).
   */
  #expectedId = 0;

  /** True when the source stores a charge with the row's period and fingerprint. */
  #isStored(
    stored: StatementSync,
    byId: StatementSync,
    sourceId: number,
    r: StagedCharge,
  ): boolean {
    const id = this.#expectedId;
    if (id > 0) {
      const c = byId.get(id) as
        | { source_id: number; period: string; fingerprint: string }
        | undefined;
      if (
        c !== undefined && c.source_id === sourceId && c.period === r.period &&
        c.fingerprint === r.fingerprint
      ) {
        this.#expectedId = id + 1;
        return true;
      }
    }
    const hit = stored.get(sourceId, r.period, r.fingerprint) as { id: number } | undefined;
    // a changed row most likely took its old version's place: expect the next one after it
    this.#expectedId = hit === undefined ? (id > 0 ? id + 1 : 0) : Number(hit.id) + 1;
    return hit !== undefined;
  }

  /**
   * Number identical rows (same fingerprint) 1, 2, ... in delivery order and
   * index the stage for the comparison. Call once, after the last add().
   */
  finish(): void {
    if (this.#indexed) return;
    const t = this.table;
    const bare = t.slice("temp.".length);
    this.db.sql.exec(`CREATE INDEX ${t}_fp ON ${bare} (fingerprint, seq)`);
    this.db.sql.exec(`UPDATE ${t} SET occurrence = o.n FROM (
        SELECT seq AS s, row_number() OVER (PARTITION BY fingerprint ORDER BY seq) AS n
        FROM ${t} WHERE fingerprint IN (
          SELECT fingerprint FROM ${t} GROUP BY fingerprint HAVING count(*) > 1)
      ) AS o WHERE ${t}.seq = o.s`);
    this.db.sql.exec(`CREATE INDEX ${t}_id ON ${bare} (period, fingerprint, occurrence)`);
    this.#indexed = true;
  }

  /** Distinct periods of the staged rows, sorted. */
  periods(): string[] {
    return this.db.all<{ period: string }>(
      `SELECT DISTINCT period FROM ${this.table} ORDER BY period`,
    ).map((r) => r.period);
  }

  /**
   * Compare with the source's stored charges: `unchanged` staged rows already
   * stored, `added` the others; `removed` stored rows of the staged periods
   * that the stage lacks (replace mode only). `sourceId` null = new source.
   * Identities (period, fingerprint, occurrence) are unique on both sides, so
   * the matches are one to one and `removed` is the periods' stored count
   * less the matches (one index range count instead of a lookup per charge).
   */
  compare(sourceId: number | null, mode: "replace" | "append"): DeliveryDiff {
    const total = this.db.get<{ n: number }>(`SELECT count(*) AS n FROM ${this.table}`)!.n;
    if (sourceId === null) return { added: total, removed: 0, unchanged: 0 };
    const unchanged = this.db.get<{ n: number }>(
      `SELECT count(*) AS n FROM ${this.table} s WHERE EXISTS (SELECT 1 FROM charges c
        WHERE c.source_id = ? AND c.period = s.period AND c.fingerprint = s.fingerprint
          AND c.occurrence = s.occurrence)`,
      sourceId,
    )!.n;
    const stored = mode === "append" ? 0 : this.db.get<{ n: number }>(
      `SELECT count(*) AS n FROM charges
       WHERE source_id = ? AND period IN (SELECT DISTINCT period FROM ${this.table})`,
      sourceId,
    )!.n;
    return {
      added: total - unchanged,
      removed: mode === "append" ? 0 : stored - unchanged,
      unchanged,
    };
  }

  /**
   * Apply the delivery inside the caller's transaction: delete the source's
   * vanished charges of the staged periods (replace mode), insert the new
   * rows with `importId`. Returns the rows inserted and deleted.
   */
  apply(
    sourceId: number,
    importId: number,
    mode: "replace" | "append",
  ): { inserted: number; deleted: number } {
    // The charges indexes take random inserts (fingerprints): a 64 MB page
    // cache for this statement keeps them from thrashing on big deliveries.
    const cacheSize = this.db.get<{ cache_size: number }>("PRAGMA cache_size")?.cache_size ?? -2000;
    this.db.sql.exec(`PRAGMA cache_size = ${BULK_CACHE_SIZE}`);
    try {
      return this.#apply(sourceId, importId, mode);
    } finally {
      this.db.sql.exec(`PRAGMA cache_size = ${Math.trunc(cacheSize)}`);
    }
  }

  #apply(
    sourceId: number,
    importId: number,
    mode: "replace" | "append",
  ): { inserted: number; deleted: number } {
    let deleted = 0;
    if (mode === "replace") {
      // the vanished charges, found once for the archive and the delete: stored in the staged
      // periods, matched by no staged row
      const vanished = `${this.table}_vanished`;
      this.db.sql.exec(`DROP TABLE IF EXISTS ${vanished}`);
      this.db.run(
        `CREATE TABLE ${vanished} AS SELECT id FROM charges
         WHERE source_id = ? AND period IN (SELECT DISTINCT period FROM ${this.table})
           AND NOT EXISTS (SELECT 1 FROM ${this.table} s WHERE s.period = charges.period
             AND s.fingerprint = charges.fingerprint AND s.occurrence = charges.occurrence)`,
        sourceId,
      );
      const byId = `id IN (SELECT id FROM ${vanished})`;
      // kept restorable: reverting this delivery brings them back (import_revert_repo.ts)
      const archived = archiveReplacedCharges(this.db, importId, byId, []);
      deleted = this.db.run(`DELETE FROM charges WHERE ${byId}`).changes;
      this.db.sql.exec(`DROP TABLE ${vanished}`);
      if (archived !== deleted) throw new Error(`archived ${archived} of ${deleted} replaced`);
    }
    // the staged texts get their charge_texts ids (charge_texts.ts)
    internTexts(this.db, this.#texts);
    const staged = (c: string) => (INTERNED_COLUMNS.has(c) ? textIdSql(`s.${c}`) : `s.${c}`);
    // lean rows that are new: the stored twin's content, their own file and line. Only a
    // repeat (occurrence > 1) can be new: a lean row's (period, fingerprint) is stored, and a
    // source's stored occurrences always run 1..n (deliveries number them so, and only whole
    // deliveries are removed), so its first occurrence is stored. No lookup for the others.
    const own = new Set(["file_name", "line_no"]);
    const insertedLean = this.db.run(
      `INSERT INTO charges (source_id, import_id, occurrence, review_status, ${CHARGE_COLUMNS})
       SELECT ?, ?, s.occurrence, CASE WHEN t.flags IS NULL THEN 'none' ELSE 'pending' END,
         ${COLUMN_OF.map(([, c]) => (own.has(c) ? staged(c) : `t.${storedColumn(c)}`)).join(", ")}
       FROM ${this.table} s
       CROSS JOIN charges t ON t.source_id = ? AND t.period = s.period
         AND t.fingerprint = s.fingerprint AND t.occurrence = 1
       WHERE s.lean = 1 AND s.occurrence > 1 AND NOT EXISTS (SELECT 1 FROM charges c
         WHERE c.source_id = ?
         AND c.period = s.period AND c.fingerprint = s.fingerprint AND c.occurrence = s.occurrence)
       ORDER BY s.seq`,
      sourceId,
      importId,
      sourceId,
      sourceId,
    ).changes;
    const inserted = this.db.run(
      `INSERT INTO charges (source_id, import_id, occurrence, review_status, ${CHARGE_COLUMNS})
       SELECT ?, ?, s.occurrence, CASE WHEN s.flags IS NULL THEN 'none' ELSE 'pending' END,
         ${COLUMN_OF.map(([, c]) => staged(c)).join(", ")}
       FROM ${this.table} s
       WHERE s.lean = 0 AND NOT EXISTS (SELECT 1 FROM charges c WHERE c.source_id = ?
         AND c.period = s.period AND c.fingerprint = s.fingerprint AND c.occurrence = s.occurrence)
       ORDER BY s.seq`,
      sourceId,
      importId,
      sourceId,
    ).changes;
    return { inserted: inserted + insertedLean, deleted };
  }

  /** Drop the staging table. */
  drop(): void {
    if (this.db.sql.isOpen) this.db.sql.exec(`DROP TABLE IF EXISTS ${this.table}`);
  }
}

/** True while the charges identity index exists (a big first import drops it for a while). */
function hasIdentityIndex(db: Database): boolean {
  return db.get(
    "SELECT 1 AS x FROM sqlite_master WHERE type = 'index' AND name = 'charges_identity'",
  ) !== undefined;
}

/** Totals of the staged rows. */
export interface StageTotals {
  rows: number;
  flagged: number;
  byCurrency: { currency: string; rows: number; billed: number; list: number }[];
}

/** What a delivery changes. */
export interface DeliveryDiff {
  added: number;
  removed: number;
  unchanged: number;
}
