/**
 * The FOCUS `Tags` cell: a JSON object (null and `{}` allowed). Keys are
 * trimmed; the whole object is kept. Attribution (PI, project, fund/org...)
 * comes from the keys named in `tag_mapping`.
 */

import type { Config } from "../config/mod.ts";

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
export interface Attribution {
  piEmail: string | null;
  piName: string | null;
  projectId: string | null;
  fundOrg: string | null;
  costCenter: string | null;
  reference1: string | null;
  reference2: string | null;
  accountCode: string | null;
}

/** Attribution from tags via `tag_mapping`; the PI email is lower-cased. */
export function attributionFromTags(
  tags: Record<string, unknown> | null,
  mapping: Config["tag_mapping"],
): Attribution {
  return {
    piEmail: tagValue(tags, mapping.pi_email)?.toLowerCase() ?? null,
    piName: tagValue(tags, mapping.pi_name),
    projectId: tagValue(tags, mapping.project_id),
    fundOrg: tagValue(tags, mapping.fund_org),
    costCenter: tagValue(tags, mapping.cost_center),
    reference1: tagValue(tags, mapping.reference_1),
    reference2: tagValue(tags, mapping.reference_2),
    accountCode: tagValue(tags, mapping.account_code),
  };
}

/** A tag as trimmed text (objects as JSON), null when absent or empty. */
function tagValue(tags: Record<string, unknown> | null, key: string): string | null {
  if (!tags || !key) return null;
  const v = tags[key];
  if (v === null || v === undefined) return null;
  const s = (typeof v === "object" ? JSON.stringify(v) : String(v)).trim();
  return s === "" ? null : s;
}
