/**
 * Parsed rows for the trip from the parse worker: one JSON string per batch
 * (a string crosses threads as one copy) holding the rows' values in
 * CHARGE_FIELDS order, row after row. The worker also numbers the texts of
 * the interned columns (charge_texts.ts) itself: a text is sent once, the
 * rows carry its number, and the inserting thread turns each number into a
 * charge_texts id once. That moves the per-row text lookups (hashing the
 * Tags JSON, the descriptions, the timestamps: ~3-6 us a row) off the thread
 * holding the write transaction, which is the one the import waits for.
 *
 * The numbering is bounded: after MAX_TEXTS distinct texts both sides start
 * over (a batch says so with `reset`), so a file of unique texts never holds
 * more than that many in either thread.
 */

import { CHARGE_FIELD_INTERNED, CHARGE_FIELDS, type StagedCharge } from "../storage/mod.ts";

type Value = StagedCharge[keyof StagedCharge];

/** Distinct texts numbered before both sides start over. */
export const MAX_TEXTS = 200_000;

/** One batch as sent: `t` the texts first used in it (numbered on from the last), `v` the values. */
interface BatchJson {
  /** True: the numbering started over with this batch (forget the earlier texts). */
  r?: true;
  t: string[];
  v: Value[];
}

/** Numbers texts and packs batches (the parse worker's side). */
export class BatchPacker {
  readonly #maxTexts: number;
  #numbers = new Map<string, number>();
  /** Each column's last text and its number: most columns repeat row after row. */
  #lastText: (string | null)[] = [];
  #lastNum: number[] = [];

  /** `maxTexts`: distinct texts numbered before starting over (tests lower it). */
  constructor(maxTexts = MAX_TEXTS) {
    this.#maxTexts = maxTexts;
  }

  /** The JSON of one batch. */
  pack(rows: readonly StagedCharge[]): string {
    const fields = CHARGE_FIELDS;
    const interned = CHARGE_FIELD_INTERNED;
    const n = fields.length;
    let numbers = this.#numbers;
    let reset = false;
    if (numbers.size + rows.length * n > this.#maxTexts) {
      numbers = this.#numbers = new Map();
      this.#lastText = [];
      reset = true;
    }
    const lastText = this.#lastText;
    const lastNum = this.#lastNum;
    const texts: string[] = [];
    const values: Value[] = new Array(rows.length * n);
    let k = 0;
    for (const r of rows) {
      for (let i = 0; i < n; i++) {
        const v = r[fields[i]];
        if (!interned[i] || v === null) {
          values[k++] = v;
          continue;
        }
        const text = typeof v === "string" ? v : String(v);
        if (lastText[i] === text) {
          values[k++] = lastNum[i];
          continue;
        }
        let num = numbers.get(text);
        if (num === undefined) {
          num = numbers.size;
          numbers.set(text, num);
          texts.push(text);
        }
        lastText[i] = text;
        lastNum[i] = num;
        values[k++] = num;
      }
    }
    const batch: BatchJson = reset ? { r: true, t: texts, v: values } : { t: texts, v: values };
    return JSON.stringify(batch);
  }
}

/**
 * A received batch: the values (interned columns as text numbers) and the
 * texts known so far. `generation` changes whenever the numbering starts over.
 */
export interface PackedBatch {
  readonly values: readonly Value[];
  readonly rowCount: number;
  /** The text of number `num`. */
  text(num: number): string;
  /** Changes when the numbering starts over (cached ids of numbers are then void). */
  readonly generation: number;
  /** The rows as objects, texts in place (for the stage and dry runs). */
  rows(): StagedCharge[];
}

/** Unpacks batches (the inserting thread's side), keeping the worker's text numbers. */
export class BatchUnpacker {
  #texts: string[] = [];
  #generation = 0;

  /** The batch of one message's JSON. */
  unpack(json: string): PackedBatch {
    const b = JSON.parse(json) as BatchJson;
    if (b.r) {
      this.#texts = [];
      this.#generation++;
    }
    const texts = this.#texts;
    for (const t of b.t) texts.push(t);
    const n = CHARGE_FIELDS.length;
    if (b.v.length % n !== 0) throw new Error(`packed rows: ${b.v.length} values`);
    const values = b.v;
    const text = (num: number) => {
      const t = texts[num];
      if (t === undefined) throw new Error(`packed rows: no text ${num}`);
      return t;
    };
    return {
      values,
      rowCount: values.length / n,
      text,
      generation: this.#generation,
      rows: () => unpackRows(values, text),
    };
  }
}

function unpackRows(values: readonly Value[], text: (num: number) => string): StagedCharge[] {
  const fields = CHARGE_FIELDS;
  const interned = CHARGE_FIELD_INTERNED;
  const n = fields.length;
  const rows: StagedCharge[] = new Array(values.length / n);
  for (let k = 0, j = 0; k < values.length; j++) {
    const r = {} as Record<string, Value>;
    for (let i = 0; i < n; i++) {
      const v = values[k++];
      r[fields[i]] = interned[i] && v !== null ? text(v as number) : v;
    }
    rows[j] = r as unknown as StagedCharge;
  }
  return rows;
}
