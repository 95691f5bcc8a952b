/**
 * The charges CSV export (/charges/export.csv): exactly the browser's
 * filtered set, one row per charge, money as exact decimals. Staff get the
 * provenance columns (file_name, line_no); a PI's export carries none
 * (charge_provenance.ts).
 */

import type { AppContext } from "../app_context.ts";
import { parseFlagReasons } from "../domain/flag_reasons.ts";
import { microsToDecimal } from "../domain/money.ts";
import type { ChargeExportRow } from "../storage/mod.ts";
import { ATTRIBUTION_FIELDS, type ChargeQuery, exportChargeRows } from "./charge_browser.ts";
import { seesProvenance } from "./charge_provenance.ts";
import type { DataScope } from "./data_scope.ts";

/** One CSV cell. */
export type CsvCell = string | number | null;

/** A CSV column: header and how to read it from a row. */
type CsvColumn = readonly [string, (r: ChargeExportRow) => CsvCell];

const COLUMNS: CsvColumn[] = [
  ["id", (r) => r.id as number],
  ["period", (r) => r.period as string],
  ["source", (r) => r.source_name],
  ...[
    "billing_period_start",
    "charge_period_start",
    "charge_period_end",
    ...ATTRIBUTION_FIELDS,
    "service_name",
    "service_category",
    "resource_id",
    "resource_name",
    "region_id",
    "sub_account_id",
    "charge_category",
    "charge_description",
    "pricing_quantity",
    "pricing_unit",
    "billing_currency",
  ].map((k): CsvColumn => [k, (r) => (r[k] ?? null) as string | null]),
  ...["billed_cost", "list_cost", "contracted_cost", "effective_cost"].map((k): CsvColumn => [
    k,
    (r) => microsToDecimal(r[k] as number),
  ]),
  ["review_status", (r) => r.review_status as string],
  ["flags", (r) => parseFlagReasons((r.flags ?? null) as string | null).join("; ")],
];

/** Staff only: the delivered file and line of each charge. */
const PROVENANCE_COLUMNS: CsvColumn[] = [
  ["file_name", (r) => r.file_name as string],
  ["line_no", (r) => r.line_no as number],
];

/** A CSV export: its header and its rows, read lazily (close with rows.return()). */
export interface ChargesCsv {
  header: string[];
  rows: Generator<CsvCell[], void, undefined>;
}

/** The CSV of every charge matching `q` that `scope` may read, in `sort` order. */
export function chargesCsvExport(
  ctx: AppContext,
  q: ChargeQuery,
  scope: DataScope,
  sort: string,
): ChargesCsv {
  const columns = seesProvenance(scope) ? [...COLUMNS, ...PROVENANCE_COLUMNS] : COLUMNS;
  const source = exportChargeRows(ctx, q, scope, sort);
  function* rows(): Generator<CsvCell[], void, undefined> {
    try {
      for (const r of source) yield columns.map(([, get]) => get(r));
    } finally {
      source.return?.();
    }
  }
  return { header: columns.map(([h]) => h), rows: rows() };
}
