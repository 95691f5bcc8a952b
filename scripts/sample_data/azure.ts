/**
 * Azure Cost Management export, FOCUS 1.0 dataset: the 1.0 columns plus the
 * x_ columns Microsoft adds (x_ResourceGroupName, x_SkuMeterCategory, ...).
 * Written as Cost Management writes it: UTF-8 BOM, CRLF, every field quoted.
 */

import { costMicros, costText, discountMicros, discountPrice, quantityText } from "./decimal.ts";
import { type Pi, type Project, projectsUsing, tagsFor } from "./people.ts";
import type { Rng } from "./prng.ts";
import { monthBounds, type Row, type SampleFile } from "./sample_file.ts";

const COLUMNS = (
  "AvailabilityZone BilledCost BillingAccountId BillingAccountName BillingCurrency " +
  "BillingPeriodEnd BillingPeriodStart ChargeCategory ChargeClass ChargeDescription " +
  "ChargeFrequency ChargePeriodEnd ChargePeriodStart CommitmentDiscountCategory " +
  "CommitmentDiscountId CommitmentDiscountName CommitmentDiscountStatus CommitmentDiscountType " +
  "ConsumedQuantity ConsumedUnit ContractedCost ContractedUnitPrice EffectiveCost " +
  "InvoiceIssuerName ListCost ListUnitPrice PricingCategory PricingQuantity PricingUnit " +
  "ProviderName PublisherName RegionId RegionName ResourceId ResourceName ResourceType " +
  "ServiceCategory ServiceName SkuId SkuPriceId SubAccountId SubAccountName Tags " +
  "x_BilledCostInUsd x_BillingProfileId x_InvoiceSectionName x_PricingUnitDescription " +
  "x_ResourceGroupName x_SkuMeterCategory x_SkuMeterName x_SkuMeterSubcategory"
).split(" ");

/** Enterprise agreement discount on list prices, percent. */
const EA_PERCENT = 12;
const ACCOUNT = "/providers/Microsoft.Billing/billingAccounts/73104582";

interface AzureService {
  name: string;
  category: string;
  meterCategory: string;
  meterSubcategory: string;
  meterName: string;
  unit: string;
  unitDescription: string;
  price: string;
  qty: [number, number];
  provider: string; // resource provider/type path
  resourceType: string;
  prefix: string;
}

const SERVICES: Record<string, AzureService> = {
  vm: {
    name: "Virtual Machines",
    category: "Compute",
    meterCategory: "Virtual Machines",
    meterSubcategory: "Dsv5 Series",
    meterName: "D8s v5",
    unit: "Hours",
    unitDescription: "1 Hour",
    price: "0.384",
    qty: [150_000, 744_000],
    provider: "microsoft.compute/virtualmachines",
    resourceType: "Virtual machine",
    prefix: "vm",
  },
  blob: {
    name: "Storage Accounts",
    category: "Storage",
    meterCategory: "Storage",
    meterSubcategory: "General Block Blob v2",
    meterName: "Hot LRS Data Stored",
    unit: "GB/Month",
    unitDescription: "1 GB/Month",
    price: "0.0184",
    qty: [500_000, 25_000_000],
    provider: "microsoft.storage/storageaccounts",
    resourceType: "Storage account",
    prefix: "st",
  },
  postgres: {
    name: "Azure Database for PostgreSQL",
    category: "Databases",
    meterCategory: "Azure Database for PostgreSQL",
    meterSubcategory: "Flexible Server General Purpose Dsv5 Series Compute",
    meterName: "vCore",
    unit: "Hours",
    unitDescription: "1 Hour",
    price: "0.0890",
    qty: [744_000, 2_976_000],
    provider: "microsoft.dbforpostgresql/flexibleservers",
    resourceType: "Azure Database for PostgreSQL flexible server",
    prefix: "psql",
  },
  ml: {
    name: "Azure Machine Learning",
    category: "AI and Machine Learning",
    meterCategory: "Azure Machine Learning",
    meterSubcategory: "Standard",
    meterName: "Compute Instance Hours",
    unit: "Hours",
    unitDescription: "1 Hour",
    price: "0.193",
    qty: [40_000, 400_000],
    provider: "microsoft.machinelearningservices/workspaces",
    resourceType: "Azure Machine Learning workspace",
    prefix: "mlw",
  },
  gpu: {
    name: "Virtual Machines",
    category: "Compute",
    meterCategory: "Virtual Machines",
    meterSubcategory: "NCads A100 v4 Series",
    meterName: "NC24ads A100 v4",
    unit: "Hours",
    unitDescription: "1 Hour",
    price: "3.673",
    qty: [20_000, 180_000],
    provider: "microsoft.compute/virtualmachines",
    resourceType: "Virtual machine",
    prefix: "vm-gpu-nc24ads",
  },
};

function subscription(project: Project): string {
  let h = 0;
  for (const ch of project.id) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  const x = h.toString(16).padStart(8, "0");
  return `${x}-${x.slice(0, 4)}-4${x.slice(1, 4)}-9${x.slice(4, 7)}-${x}${x.slice(0, 4)}`;
}

function row(
  period: string,
  _pi: Pi,
  project: Project,
  svc: AzureService,
  qty: number,
  tags: string,
): Row {
  const { start, end } = monthBounds(period);
  const ts = (d: string) => `${d}T00:00:00Z`;
  const quantity = quantityText(qty, 3);
  const list = costMicros(svc.price, quantity);
  const billed = discountMicros(list, EA_PERCENT);
  const sub = subscription(project);
  const rg = `rg-${project.id}`;
  const name = `${svc.prefix}-${project.id.replaceAll("-", "").slice(0, 14)}-01`;
  return {
    BilledCost: costText(billed),
    BillingAccountId: ACCOUNT,
    BillingAccountName: "Northfield University",
    BillingCurrency: "USD",
    BillingPeriodStart: ts(start),
    BillingPeriodEnd: ts(end),
    ChargeCategory: "Usage",
    ChargeDescription: `${svc.meterName} - ${svc.meterSubcategory}`,
    ChargeFrequency: "Usage-Based",
    ChargePeriodStart: ts(start),
    ChargePeriodEnd: ts(end),
    ConsumedQuantity: quantity,
    ConsumedUnit: svc.unit,
    ContractedCost: costText(billed),
    ContractedUnitPrice: discountPrice(svc.price, EA_PERCENT),
    EffectiveCost: costText(billed),
    InvoiceIssuerName: "Microsoft",
    ListCost: costText(list),
    ListUnitPrice: svc.price,
    PricingCategory: "Standard",
    PricingQuantity: quantity,
    PricingUnit: svc.unit,
    ProviderName: "Microsoft",
    PublisherName: "Microsoft",
    RegionId: "eastus2",
    RegionName: "East US 2",
    ResourceId: `/subscriptions/${sub}/resourcegroups/${rg}/providers/${svc.provider}/${name}`,
    ResourceName: name,
    ResourceType: svc.resourceType,
    ServiceCategory: svc.category,
    ServiceName: svc.name,
    SkuId: `DZH318Z0${svc.meterName.length}${svc.price.replace(".", "").slice(0, 3)}`,
    SkuPriceId: `DZH318Z0${svc.meterName.length}${svc.price.replace(".", "").slice(0, 3)}/0001`,
    SubAccountId: `/subscriptions/${sub}`,
    SubAccountName: `nu-${project.id}`,
    Tags: tags,
    x_BilledCostInUsd: costText(billed),
    x_BillingProfileId: "NU-RC-BP01",
    x_InvoiceSectionName: "Research Computing",
    x_PricingUnitDescription: svc.unitDescription,
    x_ResourceGroupName: rg,
    x_SkuMeterCategory: svc.meterCategory,
    x_SkuMeterName: svc.meterName,
    x_SkuMeterSubcategory: svc.meterSubcategory,
  };
}

function credit(period: string, pi: Pi, project: Project, amount: string): Row {
  const base = row(period, pi, project, SERVICES.vm, 0, tagsFor(pi, project));
  return {
    ...base,
    BilledCost: amount,
    ChargeCategory: "Credit",
    ChargeDescription: "Azure Sponsorship for Research credit",
    ChargeFrequency: "One-Time",
    ConsumedQuantity: null,
    ConsumedUnit: null,
    ContractedCost: amount,
    ContractedUnitPrice: null,
    EffectiveCost: amount,
    ListCost: amount,
    ListUnitPrice: null,
    PricingQuantity: null,
    PricingUnit: null,
    ResourceId: null,
    ResourceName: null,
    ResourceType: null,
    x_BilledCostInUsd: amount,
  };
}

/** The Azure FOCUS 1.0 export of `period`. */
export function azureExport(period: string, rng: Rng): SampleFile {
  const rows: Row[] = [];
  for (const { pi, project } of projectsUsing("azure")) {
    const picks = ["vm", "blob"];
    for (const extra of ["postgres", "ml"]) if (rng.chance(0.4)) picks.push(extra);
    for (const key of picks) {
      const svc = SERVICES[key];
      // September: one storage charge tagged with a mistyped fund (4 digits): invalid_fund_org
      const typo = period.endsWith("-09") && project.id === "coral-microbiome" && key === "blob";
      const tags = tagsFor(pi, project, typo ? { fund_org: "BIOL-3024" } : {});
      rows.push(row(period, pi, project, svc, rng.int(svc.qty[0], svc.qty[1]), tags));
    }
    if (period.endsWith("-10") && project.id === "clinical-imaging") {
      const svc = SERVICES.gpu; // vm-gpu-...: caught by review.flag_patterns "gpu"
      rows.push(
        row(period, pi, project, svc, rng.int(svc.qty[0], svc.qty[1]), tagsFor(pi, project)),
      );
    }
  }
  const eye = projectsUsing("azure").find((x) => x.project.id === "reading-eye-tracking")!;
  rows.push(credit(period, eye.pi, eye.project, "-75.00"));
  return {
    name: `azure_${period}.csv`,
    source: "Azure",
    period,
    focusVersion: "1.0",
    columns: COLUMNS,
    rows,
    style: { bom: true, crlf: true, quoteAll: true },
  };
}
