/**
 * Google Cloud: the BigQuery billing export's FOCUS view saved as CSV (FOCUS
 * 1.0 columns plus x_ProjectId, x_ProjectName, x_ProjectNumber, x_ServiceId,
 * x_ExportTime). Datetimes as BigQuery prints them: 2026-09-01 00:00:00.
 */

import { costMicros, costText, quantityText } from "./decimal.ts";
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
  "x_ExportTime x_ProjectId x_ProjectName x_ProjectNumber x_ServiceId"
).split(" ");

interface GcpService {
  name: string;
  id: string;
  category: string;
  sku: string;
  skuId: string;
  unit: string;
  price: string;
  qty: [number, number];
  resource: (gp: string) => [string, string, string] | null; // id, name, type
}

const SERVICES: Record<string, GcpService> = {
  compute: {
    name: "Compute Engine",
    id: "6F81-5844-456A",
    category: "Compute",
    sku: "N2 Instance Core running in Americas",
    skuId: "BB77-5FDA-69D9",
    unit: "hour",
    price: "0.388464",
    qty: [100_000, 744_000],
    resource: (gp) => [
      `//compute.googleapis.com/projects/${gp}/zones/us-central1-a/instances/${gp}-vm-1`,
      `${gp}-vm-1`,
      "compute.googleapis.com/Instance",
    ],
  },
  storage: {
    name: "Cloud Storage",
    id: "95FF-2EF5-5EA1",
    category: "Storage",
    sku: "Standard Storage US Multi-region",
    skuId: "E5F0-6A5D-7BAD",
    unit: "gibibyte month",
    price: "0.026",
    qty: [100_000, 12_000_000],
    resource: (
      gp,
    ) => [
      `//storage.googleapis.com/projects/_/buckets/${gp}-data`,
      `${gp}-data`,
      "storage.googleapis.com/Bucket",
    ],
  },
  bigquery: {
    name: "BigQuery",
    id: "24E6-581D-38E5",
    category: "Analytics",
    sku: "Analysis",
    skuId: "3362-E469-6BEF",
    unit: "tebibyte",
    price: "6.25",
    qty: [500, 40_000],
    resource: () => null,
  },
  vertex: {
    name: "Vertex AI",
    id: "C7E2-9256-1C43",
    category: "AI and Machine Learning",
    sku: "Custom Training: N1 Predefined Instance Core running in Americas",
    skuId: "2F8B-6C6D-4B27",
    unit: "hour",
    price: "0.0475",
    qty: [200_000, 2_000_000],
    resource: (gp) => [
      `//aiplatform.googleapis.com/projects/${gp}/locations/us-central1/customJobs/4817`,
      "training-job-4817",
      "aiplatform.googleapis.com/CustomJob",
    ],
  },
};

function gcpProject(project: Project): string {
  return `nu-${project.id}`.slice(0, 24);
}

function row(
  period: string,
  _pi: Pi,
  project: Project,
  svc: GcpService,
  qty: number,
  tags: string,
): Row {
  const { start, end } = monthBounds(period);
  const ts = (d: string) => `${d} 00:00:00`;
  const quantity = quantityText(qty, 3);
  const list = costMicros(svc.price, quantity);
  const gp = gcpProject(project);
  const res = svc.resource(gp);
  let h = 0;
  for (const ch of project.id) h = (Math.imul(h, 131) + ch.charCodeAt(0)) >>> 0;
  const num = String(400_000_000_000 + h);
  return {
    AvailabilityZone: svc.name === "Compute Engine" ? "us-central1-a" : null,
    BilledCost: costText(list),
    BillingAccountId: "01A2B3-C4D5E6-F7A8B9",
    BillingAccountName: "Northfield University Research",
    BillingCurrency: "USD",
    BillingPeriodStart: ts(start),
    BillingPeriodEnd: ts(end),
    ChargeCategory: "Usage",
    ChargeDescription: svc.sku,
    ChargeFrequency: "Usage-Based",
    ChargePeriodStart: ts(start),
    ChargePeriodEnd: ts(end),
    ConsumedQuantity: quantity,
    ConsumedUnit: svc.unit,
    ContractedCost: costText(list),
    ContractedUnitPrice: svc.price,
    EffectiveCost: costText(list),
    InvoiceIssuerName: "Google LLC",
    ListCost: costText(list),
    ListUnitPrice: svc.price,
    PricingCategory: "Standard",
    PricingQuantity: quantity,
    PricingUnit: svc.unit,
    ProviderName: "Google Cloud",
    PublisherName: "Google Cloud",
    RegionId: "us-central1",
    RegionName: "Iowa",
    ResourceId: res ? res[0] : null,
    ResourceName: res ? res[1] : null,
    ResourceType: res ? res[2] : null,
    ServiceCategory: svc.category,
    ServiceName: svc.name,
    SkuId: svc.skuId,
    SkuPriceId: `${svc.skuId}-${period.replace("-", "")}`,
    SubAccountId: gp,
    SubAccountName: project.id,
    Tags: tags,
    x_ExportTime: `${end} 06:14:09`,
    x_ProjectId: gp,
    x_ProjectName: project.id,
    x_ProjectNumber: num,
    x_ServiceId: svc.id,
  };
}

/** The GCP FOCUS export of `period`. */
export function gcpExport(period: string, rng: Rng): SampleFile {
  const rows: Row[] = [];
  for (const { pi, project } of projectsUsing("gcp")) {
    const picks = ["compute", "storage"];
    for (const extra of ["bigquery", "vertex"]) if (rng.chance(0.5)) picks.push(extra);
    for (const key of picks) {
      const svc = SERVICES[key];
      rows.push(
        row(period, pi, project, svc, rng.int(svc.qty[0], svc.qty[1]), tagsFor(pi, project)),
      );
    }
  }
  const by = (id: string) => projectsUsing("gcp").find((x) => x.project.id === id)!;
  if (period.endsWith("-09")) {
    const c = by("climate-downscaling");
    const credit = row(period, c.pi, c.project, SERVICES.compute, 0, tagsFor(c.pi, c.project));
    for (const k of ["BilledCost", "ContractedCost", "EffectiveCost", "ListCost"]) {
      credit[k] = "-120.00";
    }
    Object.assign(credit, {
      ChargeCategory: "Credit",
      ChargeDescription: "Google Cloud research credits",
      ChargeFrequency: "One-Time",
      ConsumedQuantity: null,
      ConsumedUnit: null,
      PricingQuantity: null,
      PricingUnit: null,
      ContractedUnitPrice: null,
      ListUnitPrice: null,
    });
    rows.push(credit);
  } else {
    // a BigQuery job in a project created without the fund_org label: missing_fund_org
    const g = by("graph-mining");
    const tags = tagsFor(g.pi, g.project, { fund_org: null });
    rows.push(row(period, g.pi, g.project, SERVICES.bigquery, rng.int(2_000, 9_000), tags));
  }
  return {
    name: `gcp_${period}.csv`,
    source: "GCP",
    period,
    focusVersion: "1.0",
    columns: COLUMNS,
    rows,
    style: { bom: false, crlf: false, quoteAll: false },
  };
}
