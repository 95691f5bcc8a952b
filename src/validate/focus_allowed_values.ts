/**
 * Allowed values of the FOCUS enumeration columns, per version, from the FOCUS
 * specification's column definitions (1.0-preview to 1.2). ServiceSubcategory
 * (1.1+) also names its one parent ServiceCategory.
 */

import type { ValidationVersion } from "./focus_versions.ts";

const CHARGE_CATEGORY_PRE_1_0 = ["Adjustment", "Purchase", "Tax", "Usage"];
const CHARGE_CATEGORY = ["Usage", "Purchase", "Tax", "Credit", "Adjustment"];
const PRICING_CATEGORY_PRE_1_0 = ["On-Demand", "Dynamic", "Commitment-Based", "Other"];
const PRICING_CATEGORY = ["Standard", "Dynamic", "Committed", "Other"];
const USED_UNUSED = ["Used", "Unused"];

/** FOCUS ServiceCategory values (unchanged from 0.5 to 1.2). */
export const SERVICE_CATEGORIES = [
  "AI and Machine Learning",
  "Analytics",
  "Business Applications",
  "Compute",
  "Databases",
  "Developer Tools",
  "Multicloud",
  "Identity",
  "Integration",
  "Internet of Things",
  "Management and Governance",
  "Media",
  "Migration",
  "Mobile",
  "Networking",
  "Security",
  "Storage",
  "Web",
  "Other",
];

const SUBCATEGORIES_BY_CATEGORY: Record<string, string[]> = {
  "AI and Machine Learning": [
    "AI Platforms",
    "Bots",
    "Generative AI",
    "Machine Learning",
    "Natural Language Processing",
  ],
  "Analytics": [
    "Analytics Platforms",
    "Business Intelligence",
    "Data Processing",
    "Search",
    "Streaming Analytics",
  ],
  "Business Applications": ["Productivity and Collaboration"],
  "Compute": [
    "Containers",
    "End User Computing",
    "Quantum Compute",
    "Serverless Compute",
    "Virtual Machines",
  ],
  "Databases": [
    "Caching",
    "Data Warehouses",
    "Ledger Databases",
    "NoSQL Databases",
    "Relational Databases",
    "Time Series Databases",
  ],
  "Developer Tools": [
    "Developer Platforms",
    "Continuous Integration and Deployment",
    "Development Environments",
    "Source Code Management",
    "Quality Assurance",
  ],
  "Identity": ["Identity and Access Management"],
  "Integration": ["API Management", "Messaging", "Workflow Orchestration"],
  "Internet of Things": ["IoT Analytics", "IoT Platforms"],
  "Management and Governance": [
    "Architecture",
    "Compliance",
    "Cost Management",
    "Data Governance",
    "Disaster Recovery",
    "Endpoint Management",
    "Observability",
    "Support",
  ],
  "Media": ["Content Creation", "Gaming", "Media Streaming", "Mixed Reality"],
  "Migration": ["Data Migration", "Resource Migration"],
  "Mobile": [],
  "Multicloud": ["Multicloud Integration"],
  "Networking": [
    "Application Networking",
    "Content Delivery",
    "Network Connectivity",
    "Network Infrastructure",
    "Network Routing",
    "Network Security",
  ],
  "Security": ["Secret Management", "Security Posture Management", "Threat Detection and Response"],
  "Storage": [
    "Backup Storage",
    "Block Storage",
    "File Storage",
    "Object Storage",
    "Storage Platforms",
  ],
  "Web": ["Application Platforms"],
  "Other": [],
};

/** ServiceSubcategory value -> its parent ServiceCategory (each category also has "Other (<category>)"). */
export const SERVICE_SUBCATEGORY_PARENT: ReadonlyMap<string, string> = new Map(
  Object.entries(SUBCATEGORIES_BY_CATEGORY).flatMap(([category, subs]) =>
    [...subs, `Other (${category})`].map((s) => [s, category] as [string, string])
  ),
);

const PRE_1_0: ReadonlySet<ValidationVersion> = new Set(["0.5", "1.0-preview"]);

/**
 * The allowed values of `columnId` in `version`, or null when the column is
 * free text (or not an enumeration in that version).
 */
export function allowedValues(
  columnId: string,
  version: ValidationVersion,
): readonly string[] | null {
  const pre = PRE_1_0.has(version);
  switch (columnId) {
    case "ChargeCategory":
      return pre ? CHARGE_CATEGORY_PRE_1_0 : CHARGE_CATEGORY;
    case "ChargeClass":
      return ["Correction"];
    case "ChargeFrequency":
      return ["One-Time", "Recurring", "Usage-Based"];
    case "PricingCategory":
      return pre ? PRICING_CATEGORY_PRE_1_0 : PRICING_CATEGORY;
    case "CommitmentDiscountStatus":
    case "CapacityReservationStatus":
      return USED_UNUSED;
    case "CommitmentDiscountCategory":
      return ["Spend", "Usage"];
    case "ServiceCategory":
      return SERVICE_CATEGORIES;
    case "ServiceSubcategory":
      return [...SERVICE_SUBCATEGORY_PARENT.keys()];
    default:
      return null;
  }
}
