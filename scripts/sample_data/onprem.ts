/**
 * On-premises sources as a site's own exporters write them (FOCUS 1.1 subset):
 * the Slurm cluster (core-hours and GPU-hours at list rates, institutional
 * subsidies of 100/50/25/0 %) and research storage in TB-months (first 5 TB
 * of project storage covered, archive half covered).
 */

import { costMicros, costText, discountMicros, discountPrice, quantityText } from "./decimal.ts";
import { type Pi, type Project, projectsUsing, tagsFor } from "./people.ts";
import type { Rng } from "./prng.ts";
import { monthBounds, type Row, type SampleFile } from "./sample_file.ts";

/** The columns of a site's own on-premises exporter (`openchargeback convert` writes a superset). */
export const ONPREM_COLUMNS = (
  "BillingAccountId BillingAccountName BillingCurrency BillingPeriodStart BillingPeriodEnd " +
  "ChargePeriodStart ChargePeriodEnd ChargeCategory ChargeClass ChargeDescription " +
  "ChargeFrequency ServiceCategory ServiceName ServiceSubcategory ProviderName PublisherName " +
  "InvoiceIssuerName ResourceId ResourceName ResourceType SubAccountId SubAccountName " +
  "PricingCategory PricingQuantity PricingUnit ConsumedQuantity ConsumedUnit ListUnitPrice " +
  "ListCost ContractedUnitPrice ContractedCost BilledCost EffectiveCost Tags"
).split(" ");

const PROVIDER = "Northfield Research Computing";
const CPU_RATE = "0.0200"; // per core-hour
const GPU_RATE = "1.2500"; // per GPU-hour
const PROJECT_TB_RATE = "8.00";
const ARCHIVE_TB_RATE = "2.50";
const FREE_PROJECT_TB = 5_000; // thousandths of a TB

const ALLOCATION: Record<number, string> = {
  100: "startup allocation, 100% subsidy",
  50: "standard allocation, 50% subsidy",
  25: "priority allocation, 25% subsidy",
  0: "condo overflow, no subsidy",
};

function common(period: string, pi: Pi, project: Project, billing: [string, string]): Row {
  const { start: s, end: e } = monthBounds(period);
  const [start, end] = [`${s}T00:00:00Z`, `${e}T00:00:00Z`];
  return {
    BillingAccountId: billing[0],
    BillingAccountName: billing[1],
    BillingCurrency: "USD",
    BillingPeriodStart: start,
    BillingPeriodEnd: end,
    ChargePeriodStart: start,
    ChargePeriodEnd: end,
    ChargeCategory: "Usage",
    ChargeFrequency: "Usage-Based",
    ProviderName: PROVIDER,
    PublisherName: PROVIDER,
    InvoiceIssuerName: PROVIDER,
    PricingCategory: "Standard",
    SubAccountId: project.id.replaceAll("-", "_"),
    SubAccountName: project.id,
    Tags: tagsFor(pi, project),
  };
}

function slurmRow(period: string, pi: Pi, project: Project, gpu: boolean, units: number): Row {
  const account = project.id.replaceAll("-", "_");
  const rate = gpu ? GPU_RATE : CPU_RATE;
  const quantity = quantityText(units, 0);
  const list = costMicros(rate, quantity);
  const billed = discountMicros(list, project.subsidy);
  const partition = gpu ? "accel" : "standard";
  return {
    ...common(period, pi, project, ["NRC-HPC", "Northfield HPC (cascade)"]),
    ChargeDescription: `${gpu ? "GPU-hours" : "CPU core-hours"} on cascade ${partition}, ${
      ALLOCATION[project.subsidy]
    }`,
    ServiceCategory: "Compute",
    ServiceName: gpu ? "HPC Accelerated Compute" : "HPC Compute",
    ServiceSubcategory: "Other (Compute)",
    ResourceId: `slurm:cascade/${partition}/${account}`,
    ResourceName: `cascade ${partition} (${account})`,
    ResourceType: "Slurm account",
    PricingQuantity: quantity,
    PricingUnit: gpu ? "GPU-Hours" : "Core-Hours",
    ConsumedQuantity: quantity,
    ConsumedUnit: gpu ? "GPU-Hours" : "Core-Hours",
    ListUnitPrice: rate,
    ListCost: costText(list),
    ContractedUnitPrice: discountPrice(rate, project.subsidy),
    ContractedCost: costText(billed),
    BilledCost: costText(billed),
    EffectiveCost: costText(billed),
  };
}

/** The Slurm (HPC) usage of `period`: one row per project and partition. */
export function hpcExport(period: string, rng: Rng): SampleFile {
  const rows: Row[] = [];
  for (const { pi, project } of projectsUsing("cpu")) {
    rows.push(slurmRow(period, pi, project, false, rng.int(2_000, 180_000)));
  }
  for (const { pi, project } of projectsUsing("gpu")) {
    rows.push(slurmRow(period, pi, project, true, rng.int(20, 1_500)));
  }
  return {
    name: `hpc_${period}.csv`,
    source: "HPC",
    period,
    focusVersion: "1.1",
    columns: ONPREM_COLUMNS,
    rows,
    style: { bom: false, crlf: false, quoteAll: false },
  };
}

function storageRow(period: string, pi: Pi, project: Project, archive: boolean, tb: number): Row {
  const rate = archive ? ARCHIVE_TB_RATE : PROJECT_TB_RATE;
  const quantity = quantityText(tb, 3);
  const list = costMicros(rate, quantity);
  const billed = archive
    ? discountMicros(list, 50)
    : costMicros(rate, quantityText(Math.max(0, tb - FREE_PROJECT_TB), 3));
  const kind = archive ? "archive" : "project";
  const path = archive ? `tape:/archive/${project.id}` : `nfs:/research/${project.id}`;
  return {
    ...common(period, pi, project, ["NRC-STORAGE", "Northfield Research Storage"]),
    ChargeDescription: archive
      ? "Archive (tape) storage, 50% institutional subsidy"
      : "Project storage, first 5 TB covered by the institution",
    ServiceCategory: "Storage",
    ServiceName: archive ? "Research Storage - Archive" : "Research Storage - Project",
    ServiceSubcategory: archive ? "Backup Storage" : "File Storage",
    ResourceId: path,
    ResourceName: `${project.id} ${kind}`,
    ResourceType: archive ? "Archive allocation" : "NFS share",
    PricingQuantity: quantity,
    PricingUnit: "TB-Months",
    ConsumedQuantity: quantity,
    ConsumedUnit: "TB-Months",
    ListUnitPrice: rate,
    ListCost: costText(list),
    ContractedUnitPrice: archive ? discountPrice(rate, 50) : null,
    ContractedCost: costText(billed),
    BilledCost: costText(billed),
    EffectiveCost: costText(billed),
  };
}

/** The research storage usage of `period` in TB-months. */
export function storageExport(period: string, rng: Rng): SampleFile {
  const rows: Row[] = [];
  for (const { pi, project } of projectsUsing("store")) {
    const row = storageRow(period, pi, project, false, rng.int(500, 60_000));
    if (period.endsWith("-10") && project.id === "seismic-imaging") {
      // fund with six digits: invalid_fund_org under "^[A-Z]{2,6}-[0-9]{5}$"
      row.Tags = tagsFor(pi, project, { fund_org: "GEOS-404550" });
    }
    rows.push(row);
  }
  for (const { pi, project } of projectsUsing("archive")) {
    rows.push(storageRow(period, pi, project, true, rng.int(1_000, 120_000)));
  }
  return {
    name: `storage_${period}.csv`,
    source: "Storage",
    period,
    focusVersion: "1.1",
    columns: ONPREM_COLUMNS,
    rows,
    style: { bom: false, crlf: false, quoteAll: false },
  };
}
