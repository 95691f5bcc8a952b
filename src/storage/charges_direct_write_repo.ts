/**
 * Writing a first import straight into `charges` (no stage): the source holds
 * no charges in the periods concerned, so there is nothing to compare with.
 * Runs inside the caller's write transaction. A big delivery into a table
 * about its size or smaller is written without the charges indexes, which are
 * rebuilt (sorted, from their own definitions in sqlite_master) at the end:
 * inserting a million rows into a random-ordered fingerprint index costs many
 * times more than sorting it once.
 */

import type { Database, SqlValue } from "./database.ts";
import {
  CHARGE_COLUMNS,
  CHARGE_FIELD_INTERNED,
  CHARGE_FIELDS,
  type StagedCharge,
} from "./charges_write_repo.ts";
import { TextInterner } from "./charge_texts.ts";
import { RollupAccumulator } from "./rollup_accumulator.ts";
import { deleteChargeRollups } from "./rollups_repo.ts";

/**
 * The per-row rollup trigger costs about 35 us a row on this path (3x the
 * insert itself). Direct writes only go to periods the source has no charges
 * in, so the writer suspends the trigger (inside the delivery's transaction:
 * nobody else sees it), sums the rollups of the rows it inserts in memory
 * and writes them in finish() (a GROUP BY over the inserted charges took
 * 7.3 s at 1,000,000 rows).
 */
const ROLLUP_INSERT_TRIGGER = "charges_rollup_insert";

/** Page cache (KiB, negative) while inserting: 32 MB (more is memory, not speed, once indexed). */
const BULK_CACHE_SIZE = -32768;

/**
 * Page cache (KiB, negative) while rebuilding the indexes: 16 MB. The sorter
 * of each CREATE INDEX sizes its in-memory runs by it: with 32 MB the rebuild
 * was the import's memory peak (+37 MB over the insert phase at 1,000,000
 * rows: 218 MB); with 16 or 8 MB it is ~198 MB, and no slower.
 */
const INDEX_BUILD_CACHE_SIZE = -16384;

/** Where each of CHARGE_FIELDS is in a packed row. */
const AT = Object.fromEntries(CHARGE_FIELDS.map((f, i) => [f, i])) as Record<
  keyof StagedCharge,
  number
>;

/**
 * Rows packed by the parse worker (src/ingest/staged_charge_packing.ts), or
 * by add(): the values of `rowCount` rows in CHARGE_FIELDS order, an interned
 * column as a number of `text()` (or as its text); `generation` changes when
 * that numbering starts over.
 */
export interface PackedRows {
  readonly values: readonly unknown[];
  readonly rowCount: number;
  text(num: number): string;
  /** null: the interned columns hold their texts (no numbering). */
  readonly generation: number | null;
}

/** text() of rows whose interned columns hold their texts. */
function noTextNumbers(num: number): string {
  throw new Error(`packed rows: text number ${num} without a numbering`);
}

/** How the writer treats the charges indexes. */
export interface DirectWriteOptions {
  /** Drop the charges indexes before the first insert and rebuild them in finish() (big deliveries). */
  rebuildIndexes: boolean;
}

/**
 * Inserts a delivery's charges of periods where the source holds none.
 * Identical rows are numbered 1, 2, ... in delivery order (only identical rows
 * of this delivery can share an identity there; see RepeatFinder). The unique
 * identity index (kept, or rebuilt in finish()) refuses any numbering mistake,
 * rolling the delivery back. Call finish() once after the last add(), before
 * reading charges by index.
 */
export class DirectChargeWriter {
  readonly db: Database;
  readonly sourceId: number;
  readonly importId: number;
  /** Rows inserted so far. */
  inserted = 0;
  #stmt;
  #params: SqlValue[];
  #repeats: RepeatFinder;
  #cacheSize: number;
  #rebuild: boolean;
  /** CREATE INDEX statements to run in finish(), once the indexes are dropped. */
  #dropped: string[] | null = null;
  /** CREATE TRIGGER statement of the suspended rollup trigger, or null. */
  #suspendedTrigger: string | null = null;
  /** Periods written (all new to the source). */
  #periods = new Set<string>();
  /** Rollups of the rows inserted. */
  #rollups = new RollupAccumulator();
  /** The charge_texts ids of the interned columns (this delivery's transaction). */
  #texts: TextInterner;
  /** charge_texts id of each text number of the packed batches (addPacked), and their numbering. */
  #textIds: number[] = [];
  #generation = -1;

  /** Prepare inserts of `sourceId`'s charges of delivery `importId`. */
  constructor(db: Database, sourceId: number, importId: number, opts: DirectWriteOptions) {
    this.db = db;
    this.sourceId = sourceId;
    this.importId = importId;
    this.#cacheSize = db.get<{ cache_size: number }>("PRAGMA cache_size")?.cache_size ?? -2000;
    this.#rebuild = opts.rebuildIndexes;
    const byId = db.prepare("SELECT fingerprint, period FROM charges WHERE id = ?");
    this.#repeats = new RepeatFinder((id) =>
      byId.get(id) as { fingerprint: string; period: string }
    );
    this.#stmt = db.prepare(
      `INSERT INTO charges (source_id, import_id, occurrence, review_status, ${CHARGE_COLUMNS})
       VALUES (${sourceId}, ${importId}, ?, ?, ${CHARGE_FIELDS.map(() => "?").join(", ")})`,
    );
    this.#params = new Array(CHARGE_FIELDS.length + 2);
    this.#texts = new TextInterner(db);
  }

  /** Insert a batch of rows (their values in the packed shape, the texts in place). */
  add(rows: StagedCharge[]): void {
    if (rows.length === 0) return;
    const fields = CHARGE_FIELDS;
    const n = fields.length;
    const values: unknown[] = new Array(rows.length * n);
    let k = 0;
    for (const r of rows) for (let i = 0; i < n; i++) values[k++] = r[fields[i]];
    this.addPacked({ values, rowCount: rows.length, text: noTextNumbers, generation: null });
  }

  /**
   * Insert a batch of packed rows: values in CHARGE_FIELDS order, an interned
   * column as its text or (the parse worker's batches) as a number of
   * `batch.text()`, looked up in charge_texts once per numbering, not once per
   * row.
   */
  addPacked(batch: PackedRows): void {
    if (batch.rowCount === 0) return;
    this.#begin();
    if (batch.generation !== null && batch.generation !== this.#generation) {
      this.#generation = batch.generation;
      this.#textIds = [];
    }
    const ids = this.#textIds;
    const p = this.#params;
    const n = CHARGE_FIELDS.length;
    const repeats = this.#repeats;
    const interned = CHARGE_FIELD_INTERNED;
    const texts = this.#texts;
    const v = batch.values;
    for (let k = 0; k < v.length; k += n) {
      const fingerprint = v[k + AT.fingerprint] as string;
      const period = v[k + AT.period] as string;
      const occurrence = repeats.occurrence(fingerprint, period);
      this.#periods.add(period);
      p[0] = occurrence;
      const status = v[k + AT.flags] === null ? "none" : "pending";
      p[1] = status;
      this.#rollups.add(
        period,
        v[k + AT.piEmail] as string | null,
        v[k + AT.piName] as string | null,
        v[k + AT.projectId] as string | null,
        v[k + AT.fundOrg] as string | null,
        v[k + AT.serviceName] as string | null,
        v[k + AT.billingCurrency] as string,
        status,
        v[k + AT.billedCost] as number,
        v[k + AT.listCost] as number,
      );
      for (let i = 0; i < n; i++) {
        const x = v[k + i];
        if (!interned[i] || x === null) {
          p[i + 2] = x as SqlValue;
        } else if (typeof x === "number") {
          let id = ids[x];
          if (id === undefined) id = ids[x] = texts.ref(batch.text(x), i)!;
          p[i + 2] = id;
        } else p[i + 2] = texts.ref(x, i);
      }
      const id = Number(this.#stmt.run(...p).lastInsertRowid);
      if (occurrence === 1) repeats.remember(id);
      this.inserted++;
    }
  }

  /** Before the first insert: the page cache, the dropped indexes, the suspended trigger. */
  #begin(): void {
    if (this.inserted === 0) this.db.sql.exec(`PRAGMA cache_size = ${BULK_CACHE_SIZE}`);
    if (this.#rebuild && this.#dropped === null) this.#dropped = dropChargeIndexes(this.db);
    if (this.#suspendedTrigger === null) this.#suspendedTrigger = suspendRollupTrigger(this.db);
  }

  /** The delivery is refused (the transaction rolls back): only restore the page cache. */
  abandon(): void {
    this.#dropped = null;
    this.#suspendedTrigger = null; // the rollback restores it
    this.db.sql.exec(`PRAGMA cache_size = ${Math.trunc(this.#cacheSize)}`);
  }

  /** Number the repeats and rebuild the indexes (if dropped); restore the page cache. */
  finish(): void {
    try {
      if (this.#dropped !== null) {
        this.db.sql.exec(`PRAGMA cache_size = ${INDEX_BUILD_CACHE_SIZE}`);
        for (const sql of this.#dropped) this.db.sql.exec(sql);
        this.#dropped = null;
        this.#rebuild = false;
      }
      if (this.#suspendedTrigger !== null) {
        deleteChargeRollups(this.db, { sourceId: this.sourceId, periods: [...this.#periods] });
        this.#rollups.write(this.db, this.sourceId);
        this.db.sql.exec(this.#suspendedTrigger);
        this.#suspendedTrigger = null;
      }
    } finally {
      this.db.sql.exec(`PRAGMA cache_size = ${Math.trunc(this.#cacheSize)}`);
    }
  }
}

/** Drop the rollup insert trigger; returns its CREATE statement ("" when there is none). */
function suspendRollupTrigger(db: Database): string {
  const row = db.get<{ sql: string }>(
    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
    ROLLUP_INSERT_TRIGGER,
  );
  if (!row) return "";
  db.sql.exec(`DROP TRIGGER ${ROLLUP_INSERT_TRIGGER}`);
  return row.sql;
}

/** Drop every index of `charges`; returns their CREATE statements. */
function dropChargeIndexes(db: Database): string[] {
  const indexes = db.all<{ name: string; sql: string }>(
    `SELECT name, sql FROM sqlite_master
     WHERE type = 'index' AND tbl_name = 'charges' AND sql IS NOT NULL ORDER BY name`,
  );
  for (const ix of indexes) db.sql.exec(`DROP INDEX "${ix.name.replaceAll('"', '""')}"`);
  return indexes.map((ix) => ix.sql);
}

/** Highest charge id (an upper bound of the table's size; ids only grow). */
export function maxChargeId(db: Database): number {
  return db.get<{ n: number | null }>("SELECT max(id) AS n FROM charges")?.n ?? 0;
}

/** True when the source holds charges in `period`. */
export function sourceHasChargesIn(db: Database, sourceId: number, period: string): boolean {
  return db.get(
    "SELECT 1 AS x FROM charges WHERE source_id = ? AND period = ? LIMIT 1",
    sourceId,
    period,
  ) !== undefined;
}

/**
 * Tells whether a row repeats an earlier row of the delivery, in about 8
 * bytes a row: an open-addressing table of (32-bit hash of the fingerprint,
 * row id - first id). A hash match is confirmed by reading the earlier row
 * (by id); confirmed repeats count on in a map (small: repeats are rare).
 */
export class RepeatFinder {
  readonly #lookup: (id: number) => { fingerprint: string; period: string };
  #hashes = new Uint32Array(1 << 16);
  /** Row id - #baseId + 1 (0 = empty slot). */
  #ids = new Uint32Array(1 << 16);
  #count = 0;
  #baseId = -1;
  /** Last occurrence of each repeated period + fingerprint. */
  #repeats = new Map<string, number>();
  /** Slot and hash of the last first-seen row, for remember(). */
  #slot = -1;
  #hash = 0;

  /** `lookup` reads an earlier row's fingerprint and period by id. */
  constructor(lookup: (id: number) => { fingerprint: string; period: string }) {
    this.#lookup = lookup;
  }

  /** The occurrence of the next row (1 = first of its kind; call remember() with its id). */
  occurrence(fingerprint: string, period: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < 8 && i < fingerprint.length; i++) {
      h = Math.imul(h ^ fingerprint.charCodeAt(i), 16777619);
    }
    h >>>= 0;
    const mask = this.#hashes.length - 1;
    let slot = h & mask;
    while (this.#ids[slot] !== 0) {
      if (this.#hashes[slot] === h) {
        const earlier = this.#lookup(this.#ids[slot] - 1 + this.#baseId);
        if (earlier.fingerprint === fingerprint && earlier.period === period) {
          const key = `${period}\0${fingerprint}`;
          const n = (this.#repeats.get(key) ?? 1) + 1;
          this.#repeats.set(key, n);
          this.#slot = -1;
          return n;
        }
      }
      slot = (slot + 1) & mask;
    }
    this.#slot = slot;
    this.#hash = h;
    return 1;
  }

  /** Record the id of the row occurrence() just called first of its kind. */
  remember(id: number): void {
    if (this.#slot < 0) throw new Error("remember() without a first occurrence");
    if (this.#baseId < 0) this.#baseId = id;
    const offset = id - this.#baseId + 1;
    if (offset < 1 || offset >= 2 ** 32) {
      throw new Error(`charge id ${id} out of the table's range`);
    }
    this.#hashes[this.#slot] = this.#hash;
    this.#ids[this.#slot] = offset;
    this.#slot = -1;
    if (++this.#count * 2 > this.#ids.length) this.#grow();
  }

  #grow(): void {
    const hashes = this.#hashes;
    const ids = this.#ids;
    this.#hashes = new Uint32Array(hashes.length * 2);
    this.#ids = new Uint32Array(ids.length * 2);
    const mask = this.#ids.length - 1;
    for (let i = 0; i < ids.length; i++) {
      if (ids[i] === 0) continue;
      let slot = hashes[i] & mask;
      while (this.#ids[slot] !== 0) slot = (slot + 1) & mask;
      this.#hashes[slot] = hashes[i];
      this.#ids[slot] = ids[i];
    }
  }
}
