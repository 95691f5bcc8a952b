/**
 * The statement model (golden file) and its PDF rendering checked through
 * PDF.js (tests/pdf_text.ts): Unicode names, a credit line, a 100 % subsidy, two currencies,
 * a pending-review note and half-cent rounding.
 */

import { deepEqual, equal, match, ok } from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { parseMicros } from "../src/domain/money.ts";
import {
  buildStatementModels,
  renderStatementPdf,
  statementContentHash,
  type StatementModel,
  statementPayment,
} from "../src/statements/mod.ts";
import type { StatementChargeInput } from "../src/statements/statement_model.ts";
import { pdfText } from "./statements_seed.ts";

const GOLDEN = fileURLToPath(new URL("./golden/statements/model_mixed.json", import.meta.url));

function charge(p: Partial<StatementChargeInput> & { billed: string; list: string }) {
  const { billed, list, ...rest } = p;
  return {
    billed_cost: parseMicros(billed)!,
    list_cost: parseMicros(list)!,
    billing_currency: "USD",
    charge_period_start: "2025-01-01T00:00:00Z",
    charge_category: "Usage",
    charge_class: null,
    charge_description: null,
    service_name: "Amazon EC2",
    resource_id: "i-1",
    resource_name: null,
    pricing_quantity: null,
    pricing_unit: null,
    consumed_quantity: null,
    consumed_unit: null,
    pi_email: "lukasz@example.edu",
    pi_name: "Łukasz Dvořák",
    project_id: "quantum",
    fund_org: "DOE-SC-2024",
    reference_1: "NSF-1234",
    reference_2: null,
    ...rest,
  } as StatementChargeInput;
}

const CHARGES: StatementChargeInput[] = [
  charge({ billed: "1062.50", list: "1250.00", pricing_quantity: "744", pricing_unit: "Hours" }),
  charge({ billed: "0.005", list: "0.005", resource_id: "i-2" }), // half a cent -> 0.01
  charge({
    billed: "-50.00",
    list: "-50.00",
    charge_category: "Credit",
    charge_description: "Outage credit",
  }),
  charge({ billed: "-10.00", list: "-10.00", charge_class: "Correction", resource_id: "i-3" }),
  charge({ billed: "0", list: "800.00", service_name: "HPC Cluster", resource_id: "node-42" }),
  charge({ billed: "199.00", list: "200.00", billing_currency: "EUR", service_name: "Azure VMs" }),
  charge({
    billed: "0",
    list: "25.00",
    service_name: "Research Storage",
    pi_email: "nunez@example.edu",
    pi_name: null,
    project_id: "labor",
    fund_org: "ECON-1",
    reference_1: null,
  }),
  charge({
    billed: "0.05",
    list: "100.00",
    service_name: "Archive",
    pi_email: "nunez@example.edu",
    pi_name: null,
    project_id: "labor",
    fund_org: "ECON-1",
    reference_1: null,
  }),
];

/** Issued 2025-02-03 10:00 UTC, which is still 2025-02-03 in Chicago: due 30 days later. */
const PAYMENT = statementPayment(
  { due_days: 30, terms: "Net 30", dispute: "billing@example.edu", timezone: "America/Chicago" },
  "2025-02-03T10:00:00.000Z",
);

function buildModels(): StatementModel[] {
  return buildStatementModels(CHARGES, {
    payment: PAYMENT,
    period: "2025-01",
    grouping: "project",
    piNames: { "nunez@example.edu": "María Ñúñez" },
    pending: [{
      pi_email: "nunez@example.edu",
      project_id: "labor",
      billing_currency: "USD",
      billed_cost: parseMicros("12.345")!,
      list_cost: 0,
    }],
  });
}

Deno.test("statement model: matches the golden file and its figures", async () => {
  const models = buildModels();
  const json = JSON.stringify(models, null, 2) + "\n";
  if (Deno.env.get("UPDATE_GOLDEN") === "1") await Deno.writeTextFile(GOLDEN, json);
  equal(json, await Deno.readTextFile(GOLDEN));
  equal(models.length, 2);
  const [lukasz, nunez] = models;
  equal(lukasz.pi.name, "Łukasz Dvořák");
  deepEqual(lukasz.sections.map((s) => s.currency), ["EUR", "USD"]);
  const usd = lukasz.sections[1];
  equal(usd.totals.billed, parseMicros("1002.51")); // 1062.50 + 0.01 + 0 - 50 - 10
  equal(usd.totals.list, parseMicros("2050.01"));
  equal(usd.totals.discount, parseMicros("987.50"));
  equal(usd.totals.credits, parseMicros("-60.00"));
  deepEqual(usd.adjustments.map((a) => a.label), ["Credit", "Correction"]);
  equal(usd.services.find((s) => s.service === "HPC Cluster")?.discountPercent, "100");
  equal(lukasz.sections[0].totals.billed, parseMicros("199.00"));
  equal(nunez.pi.name, "María Ñúñez");
  equal(nunez.sections[0].totals.discountPercent, "99.9"); // 124.95 of 125: never rounded up
  deepEqual(nunez.sections[0].pending, { count: 1, billed: parseMicros("12.35") });
  deepEqual(lukasz.payment, {
    issuedOn: "2025-02-03",
    dueOn: "2025-03-05", // February 2025 has 28 days: 3 + 30 - 28
    dueDays: 30,
    terms: "Net 30",
    timezone: "America/Chicago",
    dispute: {
      kind: "email",
      address: "billing@example.edu",
      href: "mailto:billing@example.edu",
    },
  });
});

Deno.test("statement model: content hash is stable and changes with a charge", () => {
  const a = buildModels()[0];
  equal(statementContentHash(a), statementContentHash(buildModels()[0]));
  // the payment block is the issue's, not the content's: another issue date, the same hash
  equal(
    statementContentHash(a),
    statementContentHash({ ...a, payment: { ...PAYMENT, issuedOn: "2025-04-01" } }),
  );
  equal(statementContentHash(a), statementContentHash({ ...a, payment: undefined }));
  const changed = buildStatementModels(
    [...CHARGES.slice(0, 5), charge({ billed: "1.00", list: "1.00", service_name: "S3" })],
    { period: "2025-01", grouping: "project" },
  )[0];
  ok(statementContentHash(a) !== statementContentHash(changed));
});

Deno.test("statement PDF: Unicode names, credits, 100 % subsidy, two currencies, footer", async () => {
  const dir = await Deno.makeTempDir({ prefix: "oc-stmt-pdf-" });
  try {
    const models = buildModels();
    const texts: string[] = [];
    for (const [i, model] of models.entries()) {
      const bytes = renderStatementPdf({
        model,
        number: `2025-01-000${i + 1}`,
        revision: 1,
        replaces: null,
        contentHash: statementContentHash(model),
        generatedAt: "2025-02-03T10:00:00.000Z",
      }, {
        institution: "Example University",
        title: "Research Computing Statement",
        contact: "Questions: hpc-billing@example.edu",
        logoPng: null,
        softwareVersion: "test",
      });
      equal(new TextDecoder().decode(bytes.slice(0, 5)), "%PDF-");
      await Deno.writeFile(`${dir}/${i}.pdf`, bytes);
      texts.push(await pdfText(`${dir}/${i}.pdf`));
    }
    const [t1, t2] = texts;
    match(t1, /Łukasz Dvořák/);
    match(t1, /Statement 2025-01-0001/);
    match(t1, /Charges in EUR/);
    match(t1, /Charges in USD/);
    match(t1, /€199\.00/);
    match(t1, /Amount due[\s\S]*\$1,002\.51/);
    match(t1, /HPC Cluster\s+\$800\.00\s+-\$800\.00 \(100 %\)\s+\$0\.00/);
    match(t1, /Credit: Outage credit/);
    match(t1, /Credits, refunds and corrections/);
    match(t1, /Correction\s+Amazon EC2/);
    match(t1, /Page 1 of \d/);
    match(t1, new RegExp(`Content hash \\(sha256\\): ${statementContentHash(models[0])}`));
    match(t1, /Generated 2025-02-03 10:00:00 UTC by OpenChargeback test/);
    match(t1, /Issued 2025-02-03/);
    match(t1, /Payment due 2025-03-05 \(Net 30\)\./);
    match(t1, /Charged to fund DOE-SC-2024\./);
    match(t1, /To dispute a charge, email billing@example\.edu\./);
    match(t2, /Charged to fund ECON-1\./);
    match(t2, /María Ñúñez/);
    match(t2, /99\.9 %/);
    match(t2, /1 charge totalling \$12\.35 is pending review and not included/);
    match(t2, /Page 1 of 1/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
