/**
 * Hints for charges flagged for a missing attribution tag: tag keys on the
 * row that look like the expected one (another case, a typo, a short form),
 * e.g. "no project_id tag; the row has projcet — a typo?". Pure.
 */

import type { TagMapping } from "./attribution_rules.ts";
import { editDistance as distance } from "./edit_distance.ts";

const REASON_KEYS: Record<string, keyof TagMapping> = {
  missing_pi_email: "pi_email",
  missing_project_id: "project_id",
  missing_fund_org: "fund_org",
};

/** Tag keys of `tags` that look like `wanted` but are not it. */
export function nearMissKeys(tags: Record<string, unknown> | null, wanted: string): string[] {
  if (!tags || !wanted) return [];
  const w = wanted.toLowerCase();
  const letters = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const head = w.split(/[_\-. ]/)[0];
  return Object.keys(tags).filter((k) => {
    if (k === wanted) return false;
    const l = k.toLowerCase();
    return l === w || letters(k) === letters(wanted) ||
      (w.length >= 5 && distance(l, w) <= 2) ||
      (head.length >= 2 && (l === head || letters(k) === head)) ||
      (l.length >= 5 && w.startsWith(l.slice(0, 4)) && distance(l, w.slice(0, l.length)) <= 1);
  });
}

/** One hint per missing-attribution reason whose expected tag has near misses on the row. */
export function nearMissHints(
  reasons: readonly string[],
  tags: Record<string, unknown> | null,
  mapping: TagMapping,
): string[] {
  const out: string[] = [];
  for (const r of reasons) {
    const field = REASON_KEYS[r];
    if (!field) continue;
    const wanted = mapping[field];
    const near = nearMissKeys(tags, wanted);
    if (near.length > 0) {
      out.push(`no ${wanted} tag; the row has ${near.join(", ")} — a typo?`);
    }
  }
  return out;
}
