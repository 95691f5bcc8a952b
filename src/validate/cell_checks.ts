/**
 * Per-cell FOCUS checks: nullability, Decimal (NumericFormat), DateTime
 * (ISO 8601), JSON key-value objects (Tags, SkuPriceDetails, AllocatedTags),
 * the 1.3 JSON objects with an Elements array (ContractApplied,
 * AllocatedMethodDetails), currency codes, allowed values and non-negative
 * unit prices.
 */

import { parseFocusDateTime } from "../domain/datetime.ts";
import { isIso4217 } from "../focus/currency_codes.ts";
import { allowedValues } from "./focus_allowed_values.ts";
import { ruleId } from "./focus_rule_ids.ts";
import { isNegative, parseExactDecimal } from "./exact_decimal.ts";
import type { PlannedColumn } from "./header_plan.ts";
import type { ValidationVersion } from "./focus_versions.ts";
import type { RuleTally } from "./rule_tally.ts";

/** FOCUS null: an empty (or blank) cell or the literal NULL/null. */
export function isNullCell(value: string | undefined): boolean {
  if (value === undefined) return true;
  const t = value.trim();
  return t === "" || t.toLowerCase() === "null";
}

/** The exact form FOCUS asks for: YYYY-MM-DDTHH:mm:ss(.fff)Z. */
const FOCUS_DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

const NON_NEGATIVE = new Set([
  "ListUnitPrice",
  "ContractedUnitPrice",
  "PricingCurrencyListUnitPrice",
  "PricingCurrencyContractedUnitPrice",
]);

/** Check one cell of a planned column on `line`. */
export function checkCell(
  planned: PlannedColumn,
  value: string | undefined,
  line: number,
  version: ValidationVersion,
  tally: RuleTally,
): void {
  const { column, requirement, header } = planned;
  const id = column.id;
  if (isNullCell(value)) {
    if (!requirement.nullable) {
      tally.error(ruleId(id, "notNull"), header, "must not be null", line, value ?? null);
    }
    return;
  }
  const text = value as string;
  switch (column.dataType) {
    case "Decimal": {
      const d = parseExactDecimal(text);
      if (!d) {
        tally.error(
          ruleId(id, "format"),
          header,
          "not a FOCUS number (plain or E-notation decimal; no currency symbols, commas, '+' or spaces)",
          line,
          text,
        );
      } else if (NON_NEGATIVE.has(id) && isNegative(d)) {
        tally.error(ruleId(id, "nonNegative"), header, "must not be negative", line, text);
      }
      return;
    }
    case "DateTime":
      if (FOCUS_DATETIME_RE.test(text)) return;
      if (parseFocusDateTime(text)) {
        tally.warn(
          "DateTimeFormat-A-004-M",
          header,
          "date/time not written as YYYY-MM-DDTHH:mm:ssZ (read as ISO 8601, UTC)",
          line,
          text,
        );
      } else {
        tally.error(
          ruleId(id, "format"),
          header,
          "not an ISO 8601 date/time (expected YYYY-MM-DDTHH:mm:ssZ)",
          line,
          text,
        );
      }
      return;
    case "JSON":
      if (ELEMENT_KEY[id] !== undefined) checkElementsObject(planned, text, line, tally);
      else checkKeyValue(planned, text, line, tally);
      return;
    case "String":
      checkString(planned, text, line, version, tally);
  }
}

function checkKeyValue(planned: PlannedColumn, text: string, line: number, tally: RuleTally) {
  const rule = ruleId(planned.column.id, "format");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    tally.error(rule, planned.header, "not valid JSON", line, text);
    return;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    tally.error(rule, planned.header, "not a JSON object of key-value pairs", line, text);
    return;
  }
  const nested = Object.values(parsed).some((v) => v !== null && typeof v === "object");
  if (nested) {
    tally.error(
      rule,
      planned.header,
      "a value is an object or array (values must be string, number, boolean or null)",
      line,
      text,
    );
  }
}

/**
 * FOCUS 1.3 JSON objects (JsonObjectFormat, nesting allowed): {"Elements": [ {...}, ... ]},
 * and the key each element must hold (a commitment id string, an allocated ratio number).
 */
const ELEMENT_KEY: Record<string, { key: string; type: "string" | "number" }> = {
  ContractApplied: { key: "ContractCommitmentId", type: "string" },
  AllocatedMethodDetails: { key: "AllocatedRatio", type: "number" },
};

function checkElementsObject(planned: PlannedColumn, text: string, line: number, tally: RuleTally) {
  const rule = ruleId(planned.column.id, "format");
  const need = ELEMENT_KEY[planned.column.id];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    tally.error(rule, planned.header, "not valid JSON", line, text);
    return;
  }
  const elements = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>).Elements
    : undefined;
  if (!Array.isArray(elements) || elements.length === 0) {
    tally.error(rule, planned.header, 'not a JSON object with an "Elements" array', line, text);
    return;
  }
  const bad = elements.some((e) =>
    e === null || typeof e !== "object" ||
    typeof (e as Record<string, unknown>)[need.key] !== need.type
  );
  if (bad) {
    tally.error(
      rule,
      planned.header,
      `every element of "Elements" needs a ${need.type} ${need.key}`,
      line,
      text,
    );
  }
}

function checkString(
  planned: PlannedColumn,
  text: string,
  line: number,
  version: ValidationVersion,
  tally: RuleTally,
) {
  const id = planned.column.id;
  // a national currency (ISO 4217, current or withdrawn); only PricingCurrency may be virtual
  if (id === "BillingCurrency" && !isIso4217(text)) {
    tally.error(
      ruleId(id, "currency"),
      planned.header,
      "not an ISO 4217 currency code (e.g. USD; virtual currencies are for PricingCurrency only)",
      line,
      text,
    );
    return;
  }
  const allowed = allowedValues(id, version);
  if (!allowed || allowed.includes(text)) return;
  const lower = text.toLowerCase();
  const sameLetters = allowed.find((a) => a.toLowerCase() === lower);
  if (sameLetters) {
    tally.warn(
      ruleId(id, "allowed"),
      planned.header,
      `allowed value in the wrong letter case (FOCUS spells it ${sameLetters})`,
      line,
      text,
    );
  } else {
    tally.error(ruleId(id, "allowed"), planned.header, "not one of the allowed values", line, text);
  }
}
