/**
 * Cross-column FOCUS checks on one row (the static rules of the official
 * validator that need only the row itself): cost = unit price x quantity,
 * Usage-Based purchases, subcategory parents, columns that must be null on Tax
 * rows, and pairs of columns that are null together.
 */

import {
  exactDecimalToString,
  matchesWithinTolerance,
  multiplyDecimals,
  parseExactDecimal,
} from "./exact_decimal.ts";
import { SERVICE_SUBCATEGORY_PARENT } from "./focus_allowed_values.ts";
import { isNullCell } from "./cell_checks.ts";
import type { ColumnCheckPlan } from "./header_plan.ts";
import type { RuleTally } from "./rule_tally.ts";

/** Columns that must be null when ChargeCategory is "Tax", with the rule id. */
const NULL_ON_TAX: [string, string][] = [
  ["ListUnitPrice", "ListUnitPrice-C-004-C"],
  ["ContractedUnitPrice", "ContractedUnitPrice-C-005-C"],
  ["PricingQuantity", "PricingQuantity-C-004-C"],
  ["PricingCategory", "PricingCategory-C-003-C"],
  ["SkuId", "SkuId-C-004-C"],
  ["SkuPriceId", "SkuPriceId-C-004-C"],
];

/**
 * [dependent, parent, rule when parent is null, rule when parent is not null]:
 * the dependent must be null when the parent is (when that rule is given) and
 * not null when the parent is not (when the second rule is given).
 */
const NULL_PAIRS: [string, string, string | null, string | null][] = [
  ["PricingUnit", "PricingQuantity", "PricingUnit-C-005-C", "PricingUnit-C-006-C"],
  ["ConsumedUnit", "ConsumedQuantity", "ConsumedUnit-C-005-C", "ConsumedUnit-C-006-C"],
  ["RegionName", "RegionId", "RegionName-C-004-C", "RegionName-C-005-C"],
  ["SubAccountName", "SubAccountId", "SubAccountName-C-004-C", "SubAccountName-C-005-C"],
  ["SubAccountType", "SubAccountId", "SubAccountType-C-004-C", "SubAccountType-C-005-C"],
  ["ResourceType", "ResourceId", "ResourceType-C-004-C", "ResourceType-C-005-C"],
  [
    "CommitmentDiscountCategory",
    "CommitmentDiscountId",
    "CommitmentDiscountCategory-C-003-C",
    "CommitmentDiscountCategory-C-004-C",
  ],
  [
    "CommitmentDiscountType",
    "CommitmentDiscountId",
    "CommitmentDiscountType-C-004-C",
    "CommitmentDiscountType-C-005-C",
  ],
  ["CommitmentDiscountName", "CommitmentDiscountId", "CommitmentDiscountName-C-004-C", null],
  ["CommitmentDiscountStatus", "CommitmentDiscountId", "CommitmentDiscountStatus-C-003-C", null],
  [
    "CommitmentDiscountUnit",
    "CommitmentDiscountQuantity",
    "CommitmentDiscountUnit-C-005-C",
    "CommitmentDiscountUnit-C-006-C",
  ],
  ["SkuMeter", "SkuId", "SkuMeter-C-004-C", null],
  ["SkuPriceDetails", "SkuPriceId", "SkuPriceDetails-C-004-C", null],
  ["CapacityReservationStatus", "CapacityReservationId", "CapacityReservationStatus-C-003-C", null],
  ["BillingAccountType", "BillingAccountId", "BillingAccountType-C-004-C", null],
  // FOCUS 1.3 split cost allocation: an allocated charge (AllocatedResourceId set) names
  // its target and method; a charge that is not split carries none of the Allocated* columns
  [
    "AllocatedResourceName",
    "AllocatedResourceId",
    "oc-allocated-AllocatedResourceName",
    "oc-allocated-AllocatedResourceName",
  ],
  ["AllocatedMethodId", "AllocatedResourceId", null, "oc-allocated-AllocatedMethodId"],
  ["AllocatedResourceId", "AllocatedMethodId", "oc-allocated-AllocatedResourceId", null],
  ["AllocatedMethodDetails", "AllocatedMethodId", "oc-allocated-AllocatedMethodDetails", null],
  ["AllocatedTags", "AllocatedMethodId", "oc-allocated-AllocatedTags", null],
];

/** Run the cross-column checks on one row. */
export function checkRow(
  plan: ColumnCheckPlan,
  cells: string[],
  line: number,
  tally: RuleTally,
): void {
  const has = (id: string) => plan.byId.has(id);
  const raw = (id: string): string | undefined => {
    const p = plan.byId.get(id);
    return p ? cells[p.index] : undefined;
  };
  const header = (id: string) => plan.byId.get(id)?.header ?? id;
  const isNull = (id: string) => isNullCell(raw(id));
  const category = raw("ChargeCategory")?.trim();
  const correction = raw("ChargeClass")?.trim() === "Correction";

  if (!correction) {
    checkProduct(plan, raw, "ListUnitPrice", "ListCost", "ListCost-C-009-C", line, tally);
    checkProduct(
      plan,
      raw,
      "ContractedUnitPrice",
      "ContractedCost",
      "ContractedUnitPrice-C-011-C",
      line,
      tally,
    );
  }
  if (category === "Purchase" && raw("ChargeFrequency")?.trim().toLowerCase() === "usage-based") {
    tally.error(
      "ChargeFrequency-C-004-C",
      header("ChargeFrequency"),
      'must not be "Usage-Based" when ChargeCategory is "Purchase"',
      line,
      raw("ChargeFrequency") ?? null,
    );
  }
  const sub = raw("ServiceSubcategory")?.trim();
  const parent = sub ? SERVICE_SUBCATEGORY_PARENT.get(sub) : undefined;
  const serviceCategory = raw("ServiceCategory")?.trim();
  if (parent && has("ServiceCategory") && serviceCategory !== parent) {
    tally.error(
      "ServiceSubcategory-C-004-M",
      header("ServiceSubcategory"),
      "the subcategory belongs to another ServiceCategory",
      line,
      `${sub} (ServiceCategory ${serviceCategory ?? ""}, expected ${parent})`,
    );
  }
  if (category === "Tax") {
    for (const [id, rule] of NULL_ON_TAX) {
      if (has(id) && !isNull(id)) {
        tally.error(rule, header(id), 'must be null when ChargeCategory is "Tax"', line, raw(id)!);
      }
    }
  }
  for (const [dependent, parentId, nullRule, notNullRule] of NULL_PAIRS) {
    if (!has(dependent) || !has(parentId)) continue;
    const parentNull = isNull(parentId);
    if (parentNull && nullRule && !isNull(dependent)) {
      tally.error(
        nullRule,
        header(dependent),
        `must be null when ${parentId} is null`,
        line,
        raw(dependent)!,
      );
    } else if (!parentNull && notNullRule && isNull(dependent)) {
      tally.error(
        notNullRule,
        header(dependent),
        `must not be null when ${parentId} is not null`,
        line,
        raw(dependent) ?? null,
      );
    }
  }
}

/** cost = unitPrice x PricingQuantity when all three are numbers. */
function checkProduct(
  plan: ColumnCheckPlan,
  raw: (id: string) => string | undefined,
  unitPriceId: string,
  costId: string,
  rule: string,
  line: number,
  tally: RuleTally,
): void {
  const cost = plan.byId.get(costId);
  if (!cost || !plan.byId.has(unitPriceId) || !plan.byId.has("PricingQuantity")) return;
  const price = parseCell(raw(unitPriceId));
  const quantity = parseCell(raw("PricingQuantity"));
  const actual = parseCell(raw(costId));
  if (!price || !quantity || !actual) return;
  const expected = multiplyDecimals(price, quantity);
  if (matchesWithinTolerance(expected, actual)) return;
  tally.error(
    rule,
    cost.header,
    `${costId} does not equal ${unitPriceId} x PricingQuantity (tolerance 0.000001 or 1 ppm)`,
    line,
    `${raw(costId)} != ${raw(unitPriceId)} x ${raw("PricingQuantity")} = ${
      exactDecimalToString(expected)
    }`,
  );
}

function parseCell(value: string | undefined) {
  return isNullCell(value) ? null : parseExactDecimal(value as string);
}
