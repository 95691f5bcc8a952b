/**
 * Which FOCUS dataset a header belongs to. Only Cost and Usage is billing
 * data; FOCUS 1.3 also defines a Contract Commitment dataset (the terms of
 * contracts: ContractCommitmentId, ContractCommitmentCost, ...), which has no
 * charges and must not be imported or validated as one.
 */

/** A FOCUS dataset, as recognised from a header. */
export interface DatasetDetection {
  /** "CostAndUsage" for billing data. */
  dataset: "CostAndUsage" | "ContractCommitment" | "Other";
  /** "Contract Commitment": the name a refusal uses. */
  label: string;
  /** The header names that decided it. */
  evidence: string[];
}

/** Columns of the FOCUS 1.3 Contract Commitment dataset that Cost and Usage does not have. */
const CONTRACT_COMMITMENT = [
  "ContractCommitmentId",
  "ContractCommitmentType",
  "ContractCommitmentCategory",
  "ContractCommitmentCost",
  "ContractCommitmentQuantity",
  "ContractCommitmentUnit",
  "ContractCommitmentDescription",
  "ContractCommitmentPeriodStart",
  "ContractCommitmentPeriodEnd",
  "ContractId",
  "ContractPeriodStart",
  "ContractPeriodEnd",
].map((id) => id.toLowerCase());

/** The cost columns every Cost and Usage dataset has (one is enough to call it billing data). */
const COST_COLUMNS = ["billedcost", "effectivecost", "listcost", "contractedcost"];

/**
 * The dataset of `header` (names trimmed, any letter case): Contract
 * Commitment when at least two of its own columns appear and no cost column
 * does; "Other" when neither BilledCost nor BillingPeriodStart nor another
 * cost column appears; else Cost and Usage.
 */
export function detectDataset(header: readonly string[]): DatasetDetection {
  const names = header.map((h) => h.trim());
  const keys = names.map((n) => n.toLowerCase());
  const hasCost = keys.some((k) => COST_COLUMNS.includes(k));
  const contract = names.filter((_, i) => CONTRACT_COMMITMENT.includes(keys[i]));
  if (!hasCost && contract.length >= 2) {
    return { dataset: "ContractCommitment", label: "Contract Commitment", evidence: contract };
  }
  if (!hasCost && !keys.includes("billingperiodstart")) {
    return { dataset: "Other", label: "not Cost and Usage", evidence: [] };
  }
  return { dataset: "CostAndUsage", label: "Cost and Usage", evidence: [] };
}

/** The one-line refusal of a dataset that is not billing data; null for Cost and Usage. */
export function notBillingDataMessage(d: DatasetDetection): string | null {
  if (d.dataset === "ContractCommitment") {
    return `this is a FOCUS Contract Commitment dataset (${
      d.evidence.slice(0, 3).join(", ")
    }, ...; no BilledCost), not billing data`;
  }
  if (d.dataset === "Other") {
    return "this is not a FOCUS Cost and Usage dataset, not billing data (no BilledCost, no BillingPeriodStart)";
  }
  return null;
}
