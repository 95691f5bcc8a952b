/**
 * Parsed rows as one flat array of values (CHARGE_FIELDS order, row after
 * row) for the trip from the parse worker: V8 clones a flat array of
 * primitives several times faster than objects (no property names), and the
 * rows rebuilt on arrival all share one object shape.
 */

import { CHARGE_FIELDS, type StagedCharge } from "../storage/mod.ts";

type Value = StagedCharge[keyof StagedCharge];

/** The rows' values, row after row. */
export function packStagedCharges(rows: readonly StagedCharge[]): Value[] {
  const fields = CHARGE_FIELDS;
  const n = fields.length;
  const out: Value[] = new Array(rows.length * n);
  let k = 0;
  for (const r of rows) {
    for (let i = 0; i < n; i++) out[k++] = r[fields[i]];
  }
  return out;
}

/** The rows of a packStagedCharges() array. */
export function unpackStagedCharges(values: readonly Value[]): StagedCharge[] {
  const fields = CHARGE_FIELDS;
  const n = fields.length;
  if (values.length % n !== 0) throw new Error(`packed rows: ${values.length} values`);
  const rows: StagedCharge[] = new Array(values.length / n);
  for (let k = 0, j = 0; k < values.length; j++) {
    const r = {} as Record<string, Value>;
    for (let i = 0; i < n; i++) r[fields[i]] = values[k++];
    rows[j] = r as unknown as StagedCharge;
  }
  return rows;
}
