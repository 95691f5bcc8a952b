/** One charge in full (web charge detail page) and the filtered charge list (charges browser). */

import type { AppContext } from "../app_context.ts";
import { NotFoundError } from "../domain/errors.ts";
import {
  type ChargeDetailRow,
  type ChargeListFilter,
  type ChargeListRow,
  countChargeRows,
  findChargeDetailRow,
  listChargeRows,
  listReviewDecisions,
  type ReviewDecisionRow,
} from "../storage/mod.ts";
import { requireSource } from "../sources/mod.ts";
import { parseFlagReasons } from "../review/mod.ts";

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
  };
}

/** Charge browser filter: like the storage filter, with a source name instead of its id. */
export type ChargeQuery = Omit<ChargeListFilter, "sourceId"> & { source?: string };

/** One page of charges matching `q` and how many match in all. */
export function listCharges(
  ctx: AppContext,
  q: ChargeQuery = {},
): { rows: ChargeListRow[]; total: number } {
  const { source, ...rest } = q;
  const f: ChargeListFilter = { ...rest };
  if (source) f.sourceId = requireSource(ctx.db, source).id;
  return { rows: listChargeRows(ctx.db, f), total: countChargeRows(ctx.db, f) };
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
