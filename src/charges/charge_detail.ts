/** One charge in full: every stored field, tags, extra columns, flags and its history. */

import type { AppContext } from "../app_context.ts";
import { NotFoundError } from "../domain/errors.ts";
import {
  type ChargeDetailRow,
  findChargeDetailRow,
  findImportDetail,
  listReviewDecisions,
  type ReviewDecisionRow,
} from "../storage/mod.ts";
import { parseFlagReasons } from "../domain/flag_reasons.ts";
import { nearMissHints } from "../domain/tag_hints.ts";
import { type DataScope, inScope } from "./data_scope.ts";
import { fileBaseName, seesProvenance, withoutProvenance } from "./charge_provenance.ts";

/** A charge with every stored column, its parsed tags/extra/flags and its review history. */
export interface ChargeDetail {
  /** Every column of the charges row (snake_case, money in micro-units) plus source_name. */
  row: ChargeDetailRow;
  source: { name: string; displayName: string };
  /** The Tags cell: a JSON object, or the raw text when it was not valid JSON, or null. */
  tags: Record<string, unknown> | string | null;
  /** Every other column of the source file, or null. */
  extra: Record<string, unknown> | null;
  reasons: string[];
  /** Review decisions, oldest first. */
  decisions: ReviewDecisionRow[];
  /** What set each attribution field that has a value (pi_email -> "rule data-team"). */
  setBy: Record<string, string>;
  /** Near-miss tag keys of missing-attribution flags ("no project_id tag; the row has projcet — a typo?"). */
  hints: string[];
}

/** The provenance of each attribution field with a value, as people read it. */
export function attributionSetBy(
  row: Record<string, unknown>,
  provenance: string | null,
  mapping: Record<string, string>,
): Record<string, string> {
  let prov: Record<string, string> = {};
  try {
    prov = provenance ? JSON.parse(provenance) : {};
  } catch {
    prov = {};
  }
  const out: Record<string, string> = {};
  for (const key of Object.keys(mapping)) {
    const p = prov[key];
    if (p?.startsWith("rule:")) out[key] = `rule ${p.slice(5)}`;
    else if (p?.startsWith("person:")) out[key] = `reassigned by ${p.slice(7)}`;
    else if (row[key] !== null && row[key] !== undefined) out[key] = `tag ${mapping[key]}`;
  }
  if (prov.pi_alias) {
    out.pi_email = `${out.pi_email ?? "tag"}; alias ${prov.pi_alias} of the PI directory`;
  }
  return out;
}

/** The charge with this id, or NotFoundError. */
export function getCharge(ctx: AppContext, id: number): ChargeDetail {
  const row = Number.isSafeInteger(id) && id > 0 ? findChargeDetailRow(ctx.db, id) : undefined;
  if (!row) throw new NotFoundError(`charge ${id} does not exist.`);
  return {
    row,
    source: { name: row.source_name, displayName: row.source_display_name },
    tags: parseObject(row.tags, true),
    extra: parseObject(row.extra, false) as Record<string, unknown> | null,
    reasons: parseFlagReasons(row.flags),
    decisions: listReviewDecisions(ctx.db, id),
    setBy: attributionSetBy(
      row,
      (row.attribution as string | null) ?? null,
      ctx.config.tag_mapping,
    ),
    hints: [],
  };
}

/** A charge as its page shows it: the detail and the delivery that imported it. */
export interface ChargeView extends ChargeDetail {
  /** When and by whom the charge's delivery was imported (null if the record is gone). */
  imported: { at: string; by: string } | null;
  /**
   * The delivered file and line and the import (staff only; null for a PI,
   * whose row also lacks the provenance columns: charge_provenance.ts).
   */
  provenance: { fileName: string; baseName: string; lineNo: number; importId: number } | null;
}

/**
 * The charge with this id as `scope` may see it: a NotFoundError, as for a
 * missing charge, when it is another PI's.
 */
export function viewCharge(ctx: AppContext, id: number, scope: DataScope): ChargeView {
  const d = getCharge(ctx, id);
  const tags = typeof d.tags === "object" ? d.tags : null;
  d.hints = nearMissHints(d.reasons, tags, ctx.config.tag_mapping);
  if (!inScope(scope, d.row.pi_email)) {
    throw new NotFoundError(`charge ${id} does not exist.`);
  }
  const imp = findImportDetail(ctx.db, d.row.import_id as number);
  const imported = imp ? { at: imp.imported_at, by: imp.imported_by } : null;
  if (!seesProvenance(scope)) {
    // a PI reads the charge, not where the office keeps it: no path, fingerprint or importer
    return {
      ...d,
      row: withoutProvenance(d.row),
      imported: imported && { at: imported.at, by: "" },
      provenance: null,
    };
  }
  const fileName = String(d.row.file_name ?? "");
  return {
    ...d,
    imported,
    provenance: {
      fileName,
      baseName: fileBaseName(fileName),
      lineNo: d.row.line_no as number,
      importId: d.row.import_id as number,
    },
  };
}

function parseObject(
  text: string | null,
  keepRaw: boolean,
): Record<string, unknown> | string | null {
  if (text === null || text === "") return null;
  try {
    const v = JSON.parse(text);
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // not JSON
  }
  return keepRaw ? text : null;
}
