/**
 * The FOCUS `Tags` cell: a JSON object (null and `{}` allowed). Keys are
 * trimmed; the whole object is kept. Attribution (PI, project, fund/org...)
 * comes from the keys named in `tag_mapping`.
 */

import { attributionFromTags } from "../domain/attribution_rules.ts";
import type { ChargeAttribution } from "../domain/charge.ts";

/** A read Tags cell. */
export interface ParsedTags {
  /** What to store: the JSON object text, the raw text when invalid, null when empty. */
  text: string | null;
  /** False when the cell held something other than a JSON object. */
  valid: boolean;
  /** The object (keys trimmed), or null. */
  object: Record<string, unknown> | null;
}

/** Read a Tags cell (`null` = the cell was null). */
export function parseTagsCell(cell: string | null): ParsedTags {
  if (cell === null) return { text: null, valid: true, object: null };
  let value: unknown;
  try {
    value = JSON.parse(cell);
  } catch {
    return { text: cell, valid: false, object: null };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { text: cell, valid: false, object: null };
  }
  const raw = value as Record<string, unknown>;
  let needsTrim = false;
  for (const k in raw) {
    if (k !== k.trim()) {
      needsTrim = true;
      break;
    }
  }
  if (!needsTrim) return { text: cell, valid: true, object: raw };
  const trimmed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) trimmed[k.trim()] = v;
  return { text: JSON.stringify(trimmed), valid: true, object: trimmed };
}

/** The attribution fields of a charge (null when the tag is absent or empty). */
export type Attribution = ChargeAttribution;

/** Attribution from tags via `tag_mapping` (src/domain/attribution_rules.ts). */
export { attributionFromTags };
