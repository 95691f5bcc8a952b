/**
 * What each name of a header is, in FOCUS terms: the one reading of a header
 * that ingest's plan (focus_header.ts: which typed field each column fills)
 * and validate's plan (header_plan.ts: which column rules apply) build on.
 * Names are trimmed; lenient mode compares them in any letter case (as ingest
 * reads them), strict mode exactly (as the specification writes them).
 */

import type { DetectionMode } from "./detect_version.ts";
import { FOCUS_COLUMNS_BY_KEY, type FocusColumn } from "./focus_columns.ts";
import { PRE_1_0_BY_KEY, type PreOneName } from "./legacy_names.ts";

/** One header name, resolved. */
export interface HeaderColumn {
  index: number;
  /** The name as written, trimmed. */
  name: string;
  /** The name lower-cased. */
  key: string;
  /** The FOCUS column (any version) with these letters in any case, if any. */
  column: FocusColumn | undefined;
  /** True when the name is exactly that column's id. */
  exact: boolean;
  /** The pre-1.0 name it is (strict mode: spelled exactly), if any. */
  preOne: PreOneName | undefined;
  /** The index of an earlier column with the same name (in the mode's comparison), or -1. */
  duplicateOf: number;
}

/** Resolve every name of `header`. */
export function resolveHeader(header: readonly string[], mode: DetectionMode): HeaderColumn[] {
  const first = new Map<string, number>();
  return header.map((raw, index) => {
    const name = raw.trim();
    const key = name.toLowerCase();
    const same = mode === "lenient" ? key : name;
    const duplicateOf = first.get(same) ?? -1;
    if (duplicateOf < 0) first.set(same, index);
    const column = FOCUS_COLUMNS_BY_KEY.get(key);
    const old = PRE_1_0_BY_KEY.get(key);
    return {
      index,
      name,
      key,
      column,
      exact: column?.id === name,
      preOne: old && (mode === "lenient" || old.name === name) ? old : undefined,
      duplicateOf,
    };
  });
}
