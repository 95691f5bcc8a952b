/**
 * The FOCUS CSV source of charges: one row -> one parsed charge (nulls,
 * datetimes, money, decimals, tags), finished by finishCharge (attribution,
 * flags, fingerprint). Problems are added to the error list (the row is then
 * not returned); they never throw.
 */

import type { ParsedDateTime } from "../domain/datetime.ts";
import { parseFocusDateTime } from "../domain/datetime.ts";
import type { Charge } from "../domain/charge.ts";
import { isNullCell } from "../domain/fingerprint.ts";
import { parseMicros } from "../domain/money.ts";
import { type ChargeFinisher, finishCharge } from "./finish_charge.ts";
import { type HeaderPlan, TYPED_FIELDS, type TypedFocusId } from "./focus_header.ts";
import type { RowErrorList } from "./row_errors.ts";
import { parseTagsCell } from "./tags.ts";

/** Everything needed to read the rows of one file. */
export interface RowReader {
  fileName: string;
  plan: HeaderPlan;
  defaultCurrency: string;
  /** Attribution, flags and fingerprint of the file's rows. */
  finisher: ChargeFinisher;
  /** Parsed datetimes by text (values repeat a lot within a file); bounded. */
  dateCache: Map<string, ParsedDateTime | null>;
}

const DECIMAL_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const MONEY_HINT =
  "Write plain decimal numbers (e.g. 1234.50 or 1.2E-7): no currency symbols, spaces or thousands separators.";
const DATE_HINT =
  "Write ISO 8601 datetimes, e.g. 2025-01-01, 2025-01-01 00:00:00 or 2025-01-01T00:00:00Z.";

/** Position of each typed field in TYPED_FIELDS (= in HeaderPlan.fieldIndex). */
const F = Object.fromEntries(TYPED_FIELDS.map((f, i) => [f.focus, i])) as Record<
  TypedFocusId,
  number
>;
const DATETIMES = [
  F.BillingPeriodStart,
  F.BillingPeriodEnd,
  F.ChargePeriodStart,
  F.ChargePeriodEnd,
];
const MONEY = [F.BilledCost, F.ListCost, F.ContractedCost, F.EffectiveCost];
const DECIMALS = [F.ListUnitPrice, F.ContractedUnitPrice, F.PricingQuantity, F.ConsumedQuantity];
const DATE_CACHE_LIMIT = 4096;

/** Parse one data row; null (with errors added) when it has problems. */
export function parseChargeRow(
  r: RowReader,
  line: number,
  cells: string[],
  errors: RowErrorList,
): Charge | null {
  const { plan } = r;
  const fi = plan.fieldIndex;
  if (cells.length !== plan.names.length) {
    errors.add({
      file: r.fileName,
      line,
      what: `the row has ${cells.length} fields, the header has ${plan.names.length}.`,
      hint: "Every row needs as many fields as the header (quote fields that contain commas).",
    });
    return null;
  }
  const before = errors.count;
  // datetimes (BillingPeriodStart required)
  const dates: (ParsedDateTime | null)[] = [null, null, null, null];
  for (let k = 0; k < 4; k++) {
    const pos = DATETIMES[k];
    const c = cellAt(cells, fi[pos]);
    if (c === null) {
      if (k === 0) {
        fail(
          r,
          line,
          errors,
          pos,
          `${TYPED_FIELDS[pos].focus} is empty; it is required.`,
          DATE_HINT,
        );
      }
      continue;
    }
    let d = r.dateCache.get(c);
    if (d === undefined) {
      d = parseFocusDateTime(c);
      if (r.dateCache.size >= DATE_CACHE_LIMIT) r.dateCache.clear();
      r.dateCache.set(c, d);
    }
    if (d === null) fail(r, line, errors, pos, `'${c}' is not a datetime.`, DATE_HINT);
    dates[k] = d;
  }
  // money (BilledCost required; the other costs default to it)
  let extra: Record<string, string> | null = null;
  const money = [0, 0, 0, 0];
  for (let k = 0; k < 4; k++) {
    const pos = MONEY[k];
    const idx = fi[pos];
    const c = cellAt(cells, idx);
    if (c === null) {
      if (k === 0) {
        fail(
          r,
          line,
          errors,
          pos,
          `${TYPED_FIELDS[pos].focus} is empty; it is required.`,
          MONEY_HINT,
        );
      }
      money[k] = money[0];
      continue;
    }
    const m = parseMicros(c);
    if (m === null) {
      fail(r, line, errors, pos, `'${c}' is not a number.`, MONEY_HINT);
      continue;
    }
    money[k] = m;
    if (beyondMicros(c)) (extra ??= {})[plan.names[idx]] = c; // keep the exact text
  }
  const decimals: (string | null)[] = [null, null, null, null];
  for (let k = 0; k < 4; k++) {
    const pos = DECIMALS[k];
    const c = textAt(cells, fi[pos]);
    if (c !== null && !DECIMAL_RE.test(c)) {
      fail(r, line, errors, pos, `'${c}' is not a number.`, MONEY_HINT);
    }
    decimals[k] = c;
  }
  for (const idx of plan.extraIndex) {
    const c = cells[idx];
    if (isNullCell(c)) continue;
    (extra ??= {})[plan.names[idx]] = c;
  }
  for (const idx of plan.extraDecimalIndex) {
    const c = cells[idx];
    if (!isNullCell(c) && !DECIMAL_RE.test(c.trim())) {
      errors.add({
        file: r.fileName,
        line,
        column: plan.names[idx],
        what: `'${c}' is not a number.`,
        hint: MONEY_HINT,
      });
    }
  }
  const bps = dates[0];
  if (errors.count > before || bps === null) return null;

  // the UTC month: the canonical ISO text starts with it (years 1900-2200)
  const period = bps.iso.slice(0, 7);
  const tags = parseTagsCell(cellAt(cells, fi[F.Tags]));
  const draft: Charge = {
    fingerprint: "",
    fileName: r.fileName,
    lineNo: line,
    period,
    billingPeriodStart: bps.iso,
    billingPeriodEnd: dates[1]?.iso ?? null,
    chargePeriodStart: dates[2]?.iso ?? null,
    chargePeriodEnd: dates[3]?.iso ?? null,
    billedCost: money[0],
    listCost: money[1],
    contractedCost: money[2],
    effectiveCost: money[3],
    listUnitPrice: decimals[0],
    contractedUnitPrice: decimals[1],
    pricingQuantity: decimals[2],
    pricingUnit: textAt(cells, fi[F.PricingUnit]),
    consumedQuantity: decimals[3],
    consumedUnit: textAt(cells, fi[F.ConsumedUnit]),
    billingCurrency: textAt(cells, fi[F.BillingCurrency])?.toUpperCase() ?? r.defaultCurrency,
    chargeCategory: textAt(cells, fi[F.ChargeCategory]),
    chargeClass: textAt(cells, fi[F.ChargeClass]),
    chargeDescription: textAt(cells, fi[F.ChargeDescription]),
    chargeFrequency: textAt(cells, fi[F.ChargeFrequency]),
    serviceName: textAt(cells, fi[F.ServiceName]),
    serviceCategory: textAt(cells, fi[F.ServiceCategory]),
    resourceId: textAt(cells, fi[F.ResourceId]),
    resourceName: textAt(cells, fi[F.ResourceName]),
    resourceType: textAt(cells, fi[F.ResourceType]),
    regionId: textAt(cells, fi[F.RegionId]),
    subAccountId: textAt(cells, fi[F.SubAccountId]),
    subAccountName: textAt(cells, fi[F.SubAccountName]),
    billingAccountId: textAt(cells, fi[F.BillingAccountId]),
    providerName: textAt(cells, fi[F.ProviderName]),
    publisherName: textAt(cells, fi[F.PublisherName]),
    invoiceIssuerName: textAt(cells, fi[F.InvoiceIssuerName]),
    invoiceId: textAt(cells, fi[F.InvoiceId]),
    skuId: textAt(cells, fi[F.SkuId]),
    skuPriceId: textAt(cells, fi[F.SkuPriceId]),
    tags: tags.text,
    extra: extra === null ? null : JSON.stringify(extra),
    piEmail: null,
    piName: null,
    projectId: null,
    fundOrg: null,
    costCenter: null,
    reference1: null,
    reference2: null,
    accountCode: null,
    flags: null,
    attribution: null,
  };
  return finishCharge(r.finisher, draft, tags, cells);
}

/** The cell at column `idx` (-1 = absent), null when absent or null. */
function cellAt(cells: string[], idx: number): string | null {
  if (idx < 0) return null;
  const c = cells[idx];
  return isNullCell(c) ? null : c;
}

/** The trimmed cell at column `idx`, null when absent, null or blank. */
function textAt(cells: string[], idx: number): string | null {
  const c = cellAt(cells, idx);
  if (c === null) return null;
  if (c.charCodeAt(0) > 32 && c.charCodeAt(c.length - 1) > 32) return c;
  const t = c.trim();
  return t === "" ? null : t;
}

/** Add an error about typed field `pos`, naming its column. */
function fail(
  r: RowReader,
  line: number,
  errors: RowErrorList,
  pos: number,
  what: string,
  hint: string,
): void {
  const idx = r.plan.fieldIndex[pos];
  errors.add({
    file: r.fileName,
    line,
    column: r.plan.names[idx] ?? TYPED_FIELDS[pos].focus,
    what,
    hint,
  });
}

/** True when a money text carries digits below the micro-unit (or is E-notation). */
function beyondMicros(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 101 || c === 69) return true; // e, E
  }
  const dot = text.indexOf(".");
  if (dot < 0) return false;
  for (let i = dot + 7; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 49 && c <= 57) return true;
  }
  return false;
}
