/**
 * Match a file's header against the columns of the FOCUS version it is checked
 * against: which FOCUS columns are where, which are missing, and which header
 * names break the column rules (misspelled ids, custom columns without x_,
 * duplicates, columns of another FOCUS version).
 */

import type { ColumnRequirement, FocusColumn } from "../focus/focus_columns.ts";
import { ruleId } from "./focus_rule_ids.ts";
import { resolveHeader } from "../focus/header_columns.ts";
import { type ValidationVersion, versionColumns, versionLabel } from "./focus_versions.ts";
import type { RuleTally } from "./rule_tally.ts";

/** A FOCUS column found in the header. */
export interface PlannedColumn {
  /** Position in the row. */
  index: number;
  /** The header name as written. */
  header: string;
  column: FocusColumn;
  requirement: ColumnRequirement;
}

/**
 * The FOCUS columns of a header whose cells are checked, by column id (the
 * header's reading is src/focus/header_columns.ts, shared with ingest's plan).
 */
export interface ColumnCheckPlan {
  version: ValidationVersion;
  columns: PlannedColumn[];
  byId: ReadonlyMap<string, PlannedColumn>;
  width: number;
}

const HEADER_LINE = 1;

/** Resolve `header` for `version`, reporting header-level violations into `tally`. */
export function planColumnChecks(
  header: readonly string[],
  version: ValidationVersion,
  tally: RuleTally,
): ColumnCheckPlan {
  const wanted = versionColumns(version);
  const byExactId = new Map(wanted.map((vc) => [vc.column.id, vc]));
  const byOtherName = new Map<string, (typeof wanted)[number]>();
  for (const vc of wanted) for (const n of vc.names.slice(1)) byOtherName.set(n, vc);
  const label = versionLabel(version);

  const columns: PlannedColumn[] = [];
  const byId = new Map<string, PlannedColumn>();
  const plan = (index: number, name: string, vc: (typeof wanted)[number]) => {
    const planned = { index, header: name, column: vc.column, requirement: vc.requirement };
    columns.push(planned);
    byId.set(vc.column.id, planned);
  };
  const resolved = resolveHeader(header, "strict");
  // exact column ids first, so a 1.x id wins over a pre-1.0 name for the same column
  for (const c of resolved) {
    const exact = c.duplicateOf < 0 ? byExactId.get(c.name) : undefined;
    if (exact) plan(c.index, c.name, exact);
  }
  for (const c of resolved) {
    const { name, index } = c;
    const raw = header[index];
    if (c.duplicateOf >= 0) {
      tally.error(
        "oc-duplicate-column",
        name,
        "the column appears more than once in the header",
        HEADER_LINE,
        raw,
      );
      continue;
    }
    if (byExactId.has(name)) continue;
    const other = byOtherName.get(name);
    if (other) {
      // e.g. AmortizedCost beside EffectiveCost: the 1.x column is checked
      if (!byId.has(other.column.id)) plan(index, name, other);
      continue;
    }
    if (name.startsWith("x_")) continue; // a proper custom column
    if (c.column && !c.exact) {
      tally.error(
        "oc-column-id-case",
        name,
        `column ids are case-sensitive: this is not the FOCUS column ${c.column.id}`,
        HEADER_LINE,
        raw,
      );
      continue;
    }
    if (c.column && c.exact) {
      tally.warn(
        "oc-column-not-in-version",
        name,
        `a FOCUS column that is not part of ${label}`,
        HEADER_LINE,
        raw,
      );
      continue;
    }
    if (c.preOne) {
      tally.warn(
        "oc-column-not-in-version",
        name,
        `a pre-1.0 FOCUS column name; ${label} calls it ${c.preOne.standsFor}`,
        HEADER_LINE,
        raw,
      );
      continue;
    }
    tally.warn(
      "ColumnHandling-A-010-M",
      name,
      "custom columns must be prefixed x_",
      HEADER_LINE,
      raw,
    );
  }
  columns.sort((x, y) => x.index - y.index);

  for (const vc of wanted) {
    if (byId.has(vc.column.id)) continue;
    const level = vc.requirement.level;
    if (level === "Mandatory") {
      tally.error(
        ruleId(vc.column.id, "presence"),
        vc.column.id,
        `mandatory column missing from the header (${label})`,
        HEADER_LINE,
        null,
      );
    } else if (level === "Recommended") {
      tally.warn(
        ruleId(vc.column.id, "presence"),
        vc.column.id,
        `recommended column missing from the header (${label})`,
        HEADER_LINE,
        null,
      );
    }
  }
  return { version, columns, byId, width: header.length };
}
