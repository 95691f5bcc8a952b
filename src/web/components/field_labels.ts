/**
 * Human labels of the stored charge columns ("billed_cost" -> "Billed cost",
 * "sku_id" -> "SKU ID"): the charge page shows these, never snake_case.
 */

/** Labels that the word rule below would not give. */
const LABELS: Record<string, string> = {
  pi_email: "PI email",
  pi_name: "PI name",
  project_id: "Project",
  fund_org: "Fund/org",
  cost_center: "Cost center",
  reference_1: "Reference 1",
  reference_2: "Reference 2",
  account_code: "GL account code",
  billed_cost: "Billed cost",
  list_cost: "List cost",
  contracted_cost: "Contracted cost",
  effective_cost: "Effective cost",
  region_id: "Region ID",
  sub_account_id: "Sub-account ID",
  sub_account_name: "Sub-account name",
  sku_id: "SKU ID",
  sku_price_id: "SKU price ID",
  invoice_id: "Invoice ID",
  invoice_issuer_name: "Invoice issuer",
  resource_id: "Resource ID",
  billing_account_id: "Billing account ID",
  line_no: "Line",
  file_name: "File",
  import_id: "Import",
  fingerprint: "Fingerprint",
  occurrence: "Occurrence in the delivery",
};

const WORDS: Record<string, string> = { id: "ID", pi: "PI", sku: "SKU", gl: "GL", url: "URL" };

/** The label of a column: a known one, else its words ("charge_period_start" -> "Charge period start"). */
export function fieldLabel(key: string): string {
  const known = LABELS[key];
  if (known) return known;
  const words = key.split("_").filter((w) => w).map((w) => WORDS[w] ?? w);
  if (words.length === 0) return key;
  const first = words[0];
  words[0] = first === first.toUpperCase() ? first : first[0].toUpperCase() + first.slice(1);
  return words.join(" ");
}
