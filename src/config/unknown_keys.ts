/**
 * Keys in a raw config tree that the schema does not know. They are refused
 * (a mistyped `databse:` must not run against the default database), except
 * the keys OpenChargeback 0.4 read and this program has no use for: those are
 * accepted and kept apart, so a 0.4 config loads unchanged.
 */

import { z } from "zod";

/**
 * Keys of OpenChargeback 0.4's config model (its config.py) that this program
 * ignores: `logging.enabled` (logging is always on) and `sources` (per-source
 * API credentials, marked "future" in 0.4 and never used). Anything under a
 * listed key is accepted.
 */
export const IGNORED_04_KEYS: readonly string[] = ["logging.enabled", "sources"];

/** A key the schema does not describe. */
export interface UnknownKey {
  /** Its path in the tree, e.g. ["smtp", "hots"] or ["attribution", "rules", 0, "nam"]. */
  path: PropertyKey[];
  /** The keys the schema knows at that place (for "did you mean ...?"). */
  known: string[];
}

/** What the walk found: unknown keys, and the 0.4 keys accepted without effect. */
export interface KeyScan {
  unknown: UnknownKey[];
  /** Dotted paths of the IGNORED_04_KEYS present. */
  ignored04: string[];
}

/** Find the keys in `raw` that `schema` does not describe. */
export function scanKeys(schema: z.ZodType, raw: unknown): KeyScan {
  const scan: KeyScan = { unknown: [], ignored04: [] };
  walk(schema, raw, [], scan);
  return scan;
}

/** "attribution.rules[0].name" for ["attribution", "rules", 0, "name"]. */
export function dottedPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, seg) =>
      typeof seg === "number" ? `${out}[${seg}]` : out ? `${out}.${String(seg)}` : String(seg),
    "",
  );
}

function walk(schema: z.ZodType, raw: unknown, path: PropertyKey[], scan: KeyScan): void {
  const inner = unwrap(schema);
  if (!raw || typeof raw !== "object") return;
  if (inner instanceof z.ZodObject) {
    const shape = inner.shape as Record<string, z.ZodType>;
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      const at = [...path, k];
      if (k in shape) walk(shape[k], v, at, scan);
      else if (IGNORED_04_KEYS.includes(dottedPath(at))) scan.ignored04.push(dottedPath(at));
      else scan.unknown.push({ path: at, known: Object.keys(shape) });
    }
  } else if (inner instanceof z.ZodArray && Array.isArray(raw)) {
    raw.forEach((v, i) => walk(inner.element as z.ZodType, v, [...path, i], scan));
  } else if (inner instanceof z.ZodRecord) {
    const valueType = (inner as unknown as { valueType: z.ZodType }).valueType;
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      walk(valueType, v, [...path, k], scan);
    }
  }
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable) {
    s = (s as unknown as { unwrap(): z.ZodType }).unwrap();
  }
  return s;
}
