/**
 * AWS Data Exports, FOCUS 1.2 with AWS columns: every 1.2 column plus
 * x_CostCategories, x_Discounts, x_Operation, x_ServiceCode, x_UsageType.
 * Datetimes like 2026-09-01T00:00:00.000Z, costs with 10 decimals, LF.
 */

import { previousPeriod } from "../../src/domain/period.ts";
import { costMicros, costText, discountMicros, discountPrice, quantityText } from "./decimal.ts";
import { type Pi, type Project, projectsUsing, tagsFor } from "./people.ts";
import type { Rng } from "./prng.ts";
import { monthBounds, type Row, type SampleFile } from "./sample_file.ts";

const COLUMNS = (
  "AvailabilityZone BilledCost BillingAccountId BillingAccountName BillingAccountType " +
  "BillingCurrency BillingPeriodEnd BillingPeriodStart CapacityReservationId " +
  "CapacityReservationStatus ChargeCategory ChargeClass ChargeDescription ChargeFrequency " +
  "ChargePeriodEnd ChargePeriodStart CommitmentDiscountCategory CommitmentDiscountId " +
  "CommitmentDiscountName CommitmentDiscountQuantity CommitmentDiscountStatus " +
  "CommitmentDiscountType CommitmentDiscountUnit ConsumedQuantity ConsumedUnit ContractedCost " +
  "ContractedUnitPrice EffectiveCost InvoiceId InvoiceIssuerName ListCost ListUnitPrice " +
  "PricingCategory PricingCurrency PricingCurrencyContractedUnitPrice " +
  "PricingCurrencyEffectiveCost PricingCurrencyListUnitPrice PricingQuantity PricingUnit " +
  "ProviderName PublisherName RegionId RegionName ResourceId ResourceName ResourceType " +
  "ServiceCategory ServiceName ServiceSubcategory SkuId SkuMeter SkuPriceDetails SkuPriceId " +
  "SubAccountId SubAccountName SubAccountType Tags x_CostCategories x_Discounts x_Operation " +
  "x_ServiceCode x_UsageType"
).split(" ");

/** Enterprise discount on list prices, percent. */
const EDP_PERCENT = 7;

interface AwsService {
  name: string;
  code: string;
  category: string;
  subcategory: string;
  usageType: string;
  operation: string;
  unit: string;
  price: string;
  qty: [number, number]; // thousandths
  resourceType: string | null;
  resource: (account: string, project: string, n: number) => [string, string] | null;
  description: string;
}

const ec2 = (type: string, price: string): AwsService => ({
  name: "Amazon Elastic Compute Cloud",
  code: "AmazonEC2",
  category: "Compute",
  subcategory: "Virtual Machines",
  usageType: `USE1-BoxUsage:${type}`,
  operation: "RunInstances",
  unit: "Hours",
  price,
  qty: [120_000, 744_000],
  resourceType: "Instance",
  resource: (a, _p, n) => [`arn:aws:ec2:us-east-1:${a}:instance/i-0${hex(a, n, 16)}`, ""],
  description: `$${price} per On Demand Linux ${type} Instance Hour`,
});

const SERVICES: Record<string, AwsService> = {
  ec2: ec2("m6i.2xlarge", "0.384"),
  s3: {
    name: "Amazon Simple Storage Service",
    code: "AmazonS3",
    category: "Storage",
    subcategory: "Object Storage",
    usageType: "USE1-TimedStorage-ByteHrs",
    operation: "StandardStorage",
    unit: "GB-Mo",
    price: "0.023",
    qty: [200_000, 18_000_000],
    resourceType: "Bucket",
    resource: (_a, p) => [`arn:aws:s3:::nu-${p}-data`, `nu-${p}-data`],
    description: "$0.023 per GB - first 50 TB / month of storage used",
  },
  rds: {
    name: "Amazon Relational Database Service",
    code: "AmazonRDS",
    category: "Databases",
    subcategory: "Relational Databases",
    usageType: "USE1-InstanceUsage:db.r6g.large",
    operation: "CreateDBInstance:0014",
    unit: "Hours",
    price: "0.225",
    qty: [300_000, 744_000],
    resourceType: "DBInstance",
    resource: (a, p) => [`arn:aws:rds:us-east-1:${a}:db:${p}-db`, `${p}-db`],
    description: "$0.225 per RDS db.r6g.large instance hour (or partial hour) running PostgreSQL",
  },
  lambda: {
    name: "AWS Lambda",
    code: "AWSLambda",
    category: "Compute",
    subcategory: "Serverless Compute",
    usageType: "USE1-Lambda-GB-Second",
    operation: "Invoke",
    unit: "Lambda-GB-Second",
    price: "0.0000166667",
    qty: [50_000_000, 4_000_000_000],
    resourceType: "Function",
    resource: (a, p) => [`arn:aws:lambda:us-east-1:${a}:function:${p}-ingest`, `${p}-ingest`],
    description: "AWS Lambda - Total Compute - US East (Northern Virginia)",
  },
  cloudwatch: {
    name: "Amazon CloudWatch",
    code: "AmazonCloudWatch",
    category: "Management and Governance",
    subcategory: "Observability",
    usageType: "USE1-CW:MetricMonitorUsage",
    operation: "MetricStorage",
    unit: "Metrics",
    price: "0.30",
    qty: [10_000, 120_000],
    resourceType: null,
    resource: () => null,
    description: "$0.30 per metric-month - first 10,000 metrics",
  },
  transfer: {
    name: "AWS Data Transfer",
    code: "AWSDataTransfer",
    category: "Networking",
    subcategory: "Network Connectivity",
    usageType: "USE1-DataTransfer-Out-Bytes",
    operation: "",
    unit: "GB",
    price: "0.09",
    qty: [5_000, 2_500_000],
    resourceType: null,
    resource: () => null,
    description:
      "$0.090 per GB - first 10 TB / month data transfer out beyond the global free tier",
  },
  gpu: {
    ...ec2("p4d.24xlarge", "32.7726"),
    qty: [8_000, 60_000],
    resource: (
      a,
      _p,
      n,
    ) => [`arn:aws:ec2:us-east-1:${a}:instance/i-0${hex(a, n, 16)}`, "gpu-train-01"],
  },
};

function hex(seed: string, n: number, len: number): string {
  let h = 2166136261;
  for (const ch of `${seed}/${n}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  let out = "";
  while (out.length < len) {
    h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
    out += h.toString(16).padStart(8, "0");
  }
  return out.slice(0, len);
}

/** The 12-digit member account of a project. */
function accountOf(project: Project): string {
  return String(100_000_000_000 + (parseInt(hex(project.id, 0, 8), 16) % 899_999_999_999));
}

function baseRow(period: string, pi: Pi, project: Project, tags: string): Row {
  const { start, end } = monthBounds(period);
  const ts = (d: string) => `${d}T00:00:00.000Z`;
  return {
    BillingAccountId: "111122223333",
    BillingAccountName: "Northfield University",
    BillingAccountType: "Billing Account",
    BillingCurrency: "USD",
    BillingPeriodStart: ts(start),
    BillingPeriodEnd: ts(end),
    ChargePeriodStart: ts(start),
    ChargePeriodEnd: ts(end),
    InvoiceId: `${period.replace("-", "")}417${pi.projects.indexOf(project)}`,
    InvoiceIssuerName: "Amazon Web Services, Inc.",
    ProviderName: "AWS",
    PublisherName: "AWS",
    SubAccountId: accountOf(project),
    SubAccountName: project.id,
    SubAccountType: "AWS Account",
    Tags: tags,
  };
}

function usageRow(
  period: string,
  pi: Pi,
  project: Project,
  svc: AwsService,
  qty: number,
  n: number,
  tags: string,
): Row {
  const quantity = quantityText(qty, 3);
  const list = costMicros(svc.price, quantity);
  const billed = discountMicros(list, EDP_PERCENT);
  const unitPrice = discountPrice(svc.price, EDP_PERCENT);
  const account = accountOf(project);
  const res = svc.resource(account, project.id, n);
  const row: Row = {
    ...baseRow(period, pi, project, tags),
    AvailabilityZone: svc.resourceType === "Instance" || svc.resourceType === "DBInstance"
      ? "us-east-1a"
      : null,
    BilledCost: costText(billed, 10),
    ChargeCategory: "Usage",
    ChargeDescription: svc.description,
    ChargeFrequency: "Usage-Based",
    ConsumedQuantity: quantity,
    ConsumedUnit: svc.unit,
    ContractedCost: costText(billed, 10),
    ContractedUnitPrice: unitPrice,
    EffectiveCost: costText(billed, 10),
    ListCost: costText(list, 10),
    ListUnitPrice: svc.price,
    PricingCategory: "Standard",
    PricingCurrency: "USD",
    PricingCurrencyContractedUnitPrice: unitPrice,
    PricingCurrencyEffectiveCost: costText(billed, 10),
    PricingCurrencyListUnitPrice: svc.price,
    PricingQuantity: quantity,
    PricingUnit: svc.unit,
    RegionId: "us-east-1",
    RegionName: "US East (N. Virginia)",
    ResourceId: res ? res[0] : null,
    ResourceName: res && res[1] ? res[1] : null,
    ResourceType: svc.resourceType,
    ServiceCategory: svc.category,
    ServiceName: svc.name,
    ServiceSubcategory: svc.subcategory,
    SkuId: hex(svc.usageType, 1, 16).toUpperCase(),
    SkuMeter: svc.usageType.replace(/^USE1-/, ""),
    SkuPriceId: `${hex(svc.usageType, 1, 16).toUpperCase()}.JRTCKXETXF.6YS6EN2CT7`,
    x_CostCategories: JSON.stringify({ college: project.fund.split("-")[0] }),
    x_Discounts: JSON.stringify({ edp: EDP_PERCENT }),
    x_Operation: svc.operation,
    x_ServiceCode: svc.code,
    x_UsageType: svc.usageType,
  };
  return row;
}

function creditRow(period: string, pi: Pi, project: Project, amount: string, what: string): Row {
  return {
    ...baseRow(period, pi, project, tagsFor(pi, project)),
    BilledCost: amount,
    ChargeCategory: "Credit",
    ChargeDescription: what,
    ChargeFrequency: "One-Time",
    ContractedCost: amount,
    EffectiveCost: amount,
    ListCost: amount,
    PricingCurrency: "USD",
    PricingCurrencyEffectiveCost: amount,
    ServiceCategory: "Compute",
    ServiceName: "Amazon Elastic Compute Cloud",
    ServiceSubcategory: "Virtual Machines",
    x_ServiceCode: "AmazonEC2",
    x_UsageType: "Credit",
    x_Operation: "",
  };
}

/** The AWS FOCUS 1.2 export of `period`. */
export function awsExport(period: string, rng: Rng): SampleFile {
  const rows: Row[] = [];
  for (const { pi, project } of projectsUsing("aws")) {
    const tags = tagsFor(pi, project);
    const picks = ["ec2", "s3", "cloudwatch"];
    for (const extra of ["rds", "lambda", "transfer"]) if (rng.chance(0.45)) picks.push(extra);
    if (rng.chance(0.3)) picks.push("ec2");
    picks.forEach((key, n) => {
      const svc = SERVICES[key];
      rows.push(usageRow(period, pi, project, svc, rng.int(svc.qty[0], svc.qty[1]), n, tags));
    });
    if (project.id === "llm-alignment") {
      const svc = SERVICES.gpu; // named gpu-train-01: caught by review.flag_patterns "gpu"
      rows.push(usageRow(period, pi, project, svc, rng.int(svc.qty[0], svc.qty[1]), 99, tags));
    }
  }
  const by = (id: string) => projectsUsing("aws").find((x) => x.project.id === id)!;
  const expo = by("exoplanet-survey");
  rows.push(
    creditRow(period, expo.pi, expo.project, "-250.0000000000", "AWS Cloud Credits for Research"),
  );
  const labour = by("labour-markets");
  if (period.endsWith("-09")) {
    const conn = by("connectome-mapping");
    rows.push(
      creditRow(period, conn.pi, conn.project, "-100.0000000000", "AWS Promotional Credit"),
    );
    // a new instance whose owner forgot the fund_org tag: flagged missing_fund_org
    const noFund = tagsFor(labour.pi, labour.project, { fund_org: null });
    rows.push(usageRow(period, labour.pi, labour.project, SERVICES.ec2, 212_500, 7, noFund));
  } else {
    // refund of September data transfer metered twice: a correction of the earlier period
    const gen = by("genome-assembly");
    const prev = monthBounds(previousPeriod(period));
    const fix = usageRow(
      period,
      gen.pi,
      gen.project,
      SERVICES.transfer,
      0,
      0,
      tagsFor(gen.pi, gen.project),
    );
    const quantity = "-412.500";
    const list = costMicros("0.09", quantity);
    const billed = discountMicros(list, EDP_PERCENT);
    Object.assign(fix, {
      ChargeClass: "Correction",
      ChargeDescription: "Correction: data transfer out metered twice in the previous month",
      ChargePeriodStart: `${prev.start}T00:00:00.000Z`,
      ChargePeriodEnd: `${prev.end}T00:00:00.000Z`,
      ConsumedQuantity: quantity,
      PricingQuantity: quantity,
      ListCost: costText(list, 10),
      BilledCost: costText(billed, 10),
      ContractedCost: costText(billed, 10),
      EffectiveCost: costText(billed, 10),
      PricingCurrencyEffectiveCost: costText(billed, 10),
    });
    rows.push(fix);
  }
  return {
    name: `aws_${period}.csv`,
    source: "AWS",
    period,
    focusVersion: "1.2",
    columns: COLUMNS,
    rows,
    style: { bom: false, crlf: false, quoteAll: false },
  };
}
