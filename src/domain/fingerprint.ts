/**
 * Row fingerprints: a hash of a CSV row's canonical content, so a redelivered
 * row is recognised whatever the column order, and unchanged rows keep their
 * ids. Canonical content: the non-null cells, by lower-cased trimmed header
 * name in sorted order, as raw text. Null cells (empty, `NULL`, `null`) are
 * left out, so a column added empty does not change any fingerprint.
 */

import { sha256Base64Url } from "./sha256.ts";

/** True when a cell is null: empty, `NULL` or `null` (surrounding blanks ignored). */
export function isNullCell(cell: string): boolean {
  if (cell === "" || cell === "NULL" || cell === "null") return true;
  if (cell.charCodeAt(0) > 32 && cell.charCodeAt(cell.length - 1) > 32) return false;
  const c = cell.trim();
  return c === "" || c === "NULL" || c === "null";
}

/** A precomputed plan to fingerprint the rows of one header. */
export interface FingerprintPlan {
  /** Column indices in canonical (sorted lower-cased name) order. */
  order: number[];
  /** Lower-cased trimmed header names, by column index. */
  keys: string[];
  /** `key\0` by column index (the canonical text's name parts). */
  prefixes: string[];
}

/** Build the fingerprint plan of a header row. */
export function fingerprintPlan(header: string[]): FingerprintPlan {
  const keys = header.map((h) => h.trim().toLowerCase());
  const order = keys.map((_, i) => i).sort((a, b) =>
    keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b
  );
  return { order, keys, prefixes: keys.map((k) => k + "\0") };
}

/**
 * The canonical text of a row: `name\0value\0` for each non-null cell in
 * canonical order. Cells never contain NUL (the reader refuses it), so the
 * encoding is unambiguous.
 */
export function canonicalRowText(plan: FingerprintPlan, cells: string[]): string {
  let s = "";
  const { order, prefixes } = plan;
  for (let i = 0; i < order.length; i++) {
    const idx = order[i];
    const cell = cells[idx];
    if (cell === undefined || isNullCell(cell)) continue;
    s += prefixes[idx] + cell + "\0";
  }
  return s;
}

/** The fingerprint of a row: SHA-256 of its canonical text, base64url (43 characters). */
export function rowFingerprint(plan: FingerprintPlan, cells: string[]): string {
  return sha256Base64Url(canonicalRowText(plan, cells));
}
