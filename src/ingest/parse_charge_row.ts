/**
 * One CSV row -> one staged charge: nulls, datetimes, money, decimals, tags,
 * attribution, flags and the fingerprint. Problems are added to the error
 * list (the row is then not returned); they never throw.
 */

import type { Config } from "../config/mod.ts";
import { type ParsedDateTime, parseFocusDateTime, periodOfEpoch } from "../domain/datetime.ts";
import { type FingerprintPlan, isNullCell, rowFingerprint } from "../domain/fingerprint.ts";
import { flagReasons, type FlagRules } from "../domain/flags.ts";
import { parseMicros } from "../domain/money.ts";
import type { StagedCharge } from "../storage/mod.ts";
import { fieldColumn, type HeaderPlan, type TypedFocusId } from "./focus_header.ts";
import type { RowErrorList } from "./row_errors.ts";
import { attributionFromTags, parseTagsCell } from "./tags.ts";

/** Everything needed to read the rows of one file. */
export interface RowReader {
  fileName: string;
  plan: HeaderPlan;
  fingerprint: FingerprintPlan;
  tagMapping: Config["tag_mapping"];
  defaultCurrency: string;
  rules: FlagRules;
  /** The period declared with `-p`, if any. */
  expectedPeriod: string | null;
  /** Parsed datetimes by text (values repeat a lot within a file); bounded. */
  dateCache: Map<string, ParsedDateTime | null>;
}

const DECIMAL_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const MONEY_HINT =
  "Write plain decimal numbers (e.g. 1234.50 or 1.2E-7): no currency symbols, spaces or thousands separators.";
const DATE_HINT =
  "Write ISO 8601 datetimes, e.g. 2025-01-01, 2025-01-01 00:00:00 or 2025-01-01T00:00:00Z.";

/** Parse one data row; null (with errors added) when it has problems. */
export function parseChargeRow(
  r: RowReader,
  line: number,
  cells: string[],
  errors: RowErrorList,
): StagedCharge | null {
  const { plan } = r;
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
  const fail = (focus: string, what: string, hint: string) => {
    const idx = fieldColumn(plan, focus as TypedFocusId);
    errors.add({ file: r.fileName, line, column: plan.names[idx] ?? focus, what, hint });
  };
  const cell = (focus: TypedFocusId): string | null => {
    const idx = fieldColumn(plan, focus);
    if (idx < 0) return null;
    const c = cells[idx];
    return isNullCell(c) ? null : c;
  };
  const text = (focus: TypedFocusId): string | null => {
    const c = cell(focus);
    if (c === null) return null;
    const t = c.trim();
    return t === "" ? null : t;
  };
  const datetime = (focus: TypedFocusId, required: boolean) => {
    const c = cell(focus);
    if (c === null) {
      if (required) fail(focus, `${focus} is empty; it is required.`, DATE_HINT);
      return null;
    }
    let d = r.dateCache.get(c);
    if (d === undefined) {
      d = parseFocusDateTime(c);
      if (r.dateCache.size >= 4096) r.dateCache.clear();
      r.dateCache.set(c, d);
    }
    if (!d) fail(focus, `'${c}' is not a datetime.`, DATE_HINT);
    return d;
  };
  const extra: Record<string, string> = {};
  let hasExtra = false;
  const money = (focus: TypedFocusId, fallback: number | null): number => {
    const c = cell(focus);
    if (c === null) {
      if (fallback === null) fail(focus, `${focus} is empty; it is required.`, MONEY_HINT);
      return fallback ?? 0;
    }
    const m = parseMicros(c);
    if (m === null) {
      fail(focus, `'${c}' is not a number.`, MONEY_HINT);
      return 0;
    }
    if (beyondMicros(c)) {
      extra[plan.names[fieldColumn(plan, focus)]] = c; // keep the exact text
      hasExtra = true;
    }
    return m;
  };
  const decimal = (focus: TypedFocusId): string | null => {
    const c = text(focus);
    if (c !== null && !DECIMAL_RE.test(c)) fail(focus, `'${c}' is not a number.`, MONEY_HINT);
    return c;
  };

  const bps = datetime("BillingPeriodStart", true);
  const bpe = datetime("BillingPeriodEnd", false);
  const cps = datetime("ChargePeriodStart", false);
  const cpe = datetime("ChargePeriodEnd", false);
  const billed = money("BilledCost", null);
  const list = money("ListCost", billed);
  const contracted = money("ContractedCost", billed);
  const effective = money("EffectiveCost", billed);
  const listUnitPrice = decimal("ListUnitPrice");
  const contractedUnitPrice = decimal("ContractedUnitPrice");
  const pricingQuantity = decimal("PricingQuantity");
  const consumedQuantity = decimal("ConsumedQuantity");
  for (const idx of plan.extraIndex) {
    const c = cells[idx];
    if (isNullCell(c)) continue;
    extra[plan.names[idx]] = c;
    hasExtra = true;
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
  if (errors.count > before || bps === null) return null;

  const period = periodOfEpoch(bps.epochMs);
  const tags = parseTagsCell(cell("Tags"));
  const who = attributionFromTags(tags.object, r.tagMapping);
  const serviceName = text("ServiceName");
  const resourceId = text("ResourceId");
  const resourceName = text("ResourceName");
  const reasons = flagReasons({
    piEmail: who.piEmail,
    projectId: who.projectId,
    fundOrg: who.fundOrg,
    serviceName,
    resourceId,
    resourceName,
    period,
    expectedPeriod: r.expectedPeriod,
    tagsValid: tags.valid,
  }, r.rules);
  return {
    fingerprint: rowFingerprint(r.fingerprint, cells),
    fileName: r.fileName,
    lineNo: line,
    period,
    billingPeriodStart: bps.iso,
    billingPeriodEnd: bpe?.iso ?? null,
    chargePeriodStart: cps?.iso ?? null,
    chargePeriodEnd: cpe?.iso ?? null,
    billedCost: billed,
    listCost: list,
    contractedCost: contracted,
    effectiveCost: effective,
    listUnitPrice,
    contractedUnitPrice,
    pricingQuantity,
    pricingUnit: text("PricingUnit"),
    consumedQuantity,
    consumedUnit: text("ConsumedUnit"),
    billingCurrency: text("BillingCurrency")?.toUpperCase() ?? r.defaultCurrency,
    chargeCategory: text("ChargeCategory"),
    chargeClass: text("ChargeClass"),
    chargeDescription: text("ChargeDescription"),
    chargeFrequency: text("ChargeFrequency"),
    serviceName,
    serviceCategory: text("ServiceCategory"),
    resourceId,
    resourceName,
    resourceType: text("ResourceType"),
    regionId: text("RegionId"),
    subAccountId: text("SubAccountId"),
    subAccountName: text("SubAccountName"),
    billingAccountId: text("BillingAccountId"),
    providerName: text("ProviderName"),
    publisherName: text("PublisherName"),
    invoiceIssuerName: text("InvoiceIssuerName"),
    invoiceId: text("InvoiceId"),
    skuId: text("SkuId"),
    skuPriceId: text("SkuPriceId"),
    tags: tags.text,
    extra: hasExtra ? JSON.stringify(extra) : null,
    ...who,
    flags: reasons.length ? JSON.stringify(reasons) : null,
  };
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
