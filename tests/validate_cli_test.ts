/** `openchargeback validate` end to end: exit codes, human output and the --json shape. */

import { deepEqual, equal, match } from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { MONTH, QUIRKS, runCli, tempWorkspace } from "./cli_harness.ts";

const HEADER =
  "BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodEnd,BillingPeriodStart," +
  "ChargeCategory,ChargeClass,ChargeDescription,ChargeFrequency,ChargePeriodEnd,ChargePeriodStart," +
  "ContractedCost,EffectiveCost,InvoiceIssuerName,ListCost,ListUnitPrice,PricingQuantity,PricingUnit," +
  "ProviderName,PublisherName,ServiceCategory,ServiceName,AvailabilityZone,Team";
const ROW = "10.00,a1,Lab,USD,2025-02-01T00:00:00Z,2025-01-01T00:00:00Z,Usage,,VM hours," +
  "Usage-Based,2025-01-02T00:00:00Z,2025-01-01T00:00:00Z,10.00,10.00,Cloud,12.50,2.5,5,Hours," +
  "Cloud,Cloud,Compute,VMs,us-1a,blue";

interface JsonReport {
  files: {
    file: string;
    focusVersion: string;
    detectedVersion: string;
    rows: number;
    errors: { rule: string; column: string; message: string; count: number; examples: unknown[] }[];
    warnings: { rule: string; column: string; count: number; examples: unknown[] }[];
    conformant: boolean;
  }[];
  conformant: boolean;
}

Deno.test("cli validate: warnings only -> exit 0; --json shape; gzip input", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    await Deno.writeFile(
      `${dir}/ok.csv.gz`,
      gzipSync(new TextEncoder().encode(`${HEADER}\n${ROW}\n${ROW}\n`)),
    );
    const r = await runCli(["validate", "ok.csv.gz", "--json"], { cwd: dir });
    equal(r.code, 0, r.stderr);
    const doc = r.json<JsonReport>();
    deepEqual(Object.keys(doc), ["files", "conformant"]);
    deepEqual(Object.keys(doc.files[0]), [
      "file",
      "focusVersion",
      "detectedVersion",
      "detectionReason",
      "rows",
      "columns",
      "errors",
      "warnings",
      "conformant",
    ]);
    equal(doc.files[0].file, "ok.csv.gz");
    equal(doc.files[0].focusVersion, "1.0");
    equal(doc.files[0].rows, 2);
    deepEqual(doc.files[0].errors, []);
    deepEqual(doc.files[0].warnings, [{
      rule: "ColumnHandling-A-010-M",
      column: "Team",
      message: "custom columns must be prefixed x_",
      count: 1,
      examples: [{ line: 1, value: "Team" }],
    }]);
    equal(doc.conformant, true);

    const human = await runCli(["validate", "ok.csv.gz"], { cwd: dir });
    equal(human.code, 0);
    match(human.stdout, /^ok\.csv\.gz: FOCUS 1\.0 \(detected: /);
    match(human.stdout, /2 rows, 25 columns: conformant, 0 errors \(0 violations\), 1 warning/);
    match(human.stdout, /warning ColumnHandling-A-010-M Team: custom columns must be prefixed x_/);
  } finally {
    await cleanup();
  }
});

Deno.test("cli validate: a failed MUST rule -> exit 1 with rule, count and lines", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    const bad = ROW.replace("10.00,a1", ",a1").replace("12.50,2.5", "13.00,2.5");
    await Deno.writeTextFile(`${dir}/bad.csv`, `${HEADER}\n${ROW}\n${bad}\n${bad}\n`);
    const r = await runCli(["validate", "bad.csv", "--max-examples", "1"], { cwd: dir });
    equal(r.code, 1);
    match(r.stdout, /NOT conformant, 2 errors \(4 violations\)/);
    match(
      r.stdout,
      /error BilledCost-C-003-M BilledCost: must not be null \(2 times\)\n\s+line 3 "", \.\.\./,
    );
    match(
      r.stdout,
      /error ListCost-C-009-C ListCost: .* \(2 times\)\n\s+line 3 "13\.00 != 2\.5 x 5 = 12\.5", \.\.\./,
    );
    const json = await runCli(["validate", "bad.csv", "--json", "--max-examples", "0"], {
      cwd: dir,
    });
    equal(json.code, 1);
    const doc = json.json<JsonReport>();
    deepEqual(doc.files[0].errors.map((e) => [e.rule, e.count, e.examples.length]), [
      ["BilledCost-C-003-M", 2, 0],
      ["ListCost-C-009-C", 2, 0],
    ]);
    equal(doc.conformant, false);
  } finally {
    await cleanup();
  }
});

Deno.test("cli validate: several files, a 0.4-layout input and an unreadable file", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    const r = await runCli(
      ["validate", `${MONTH}aws_2025-01.csv`, "missing.csv", "--json"],
      { cwd: dir },
    );
    equal(r.code, 1);
    const doc = r.json<JsonReport>();
    equal(doc.files.length, 2);
    equal(doc.files[0].errors.length, 12);
    equal(doc.files[0].errors[0].message, "mandatory column missing from the header (FOCUS 1.0)");
    deepEqual(doc.files[1].errors, [{
      rule: "oc-file-unreadable",
      column: null,
      message: "file not found",
      count: 1,
      examples: [{ line: 1, value: null }],
    }]);
  } finally {
    await cleanup();
  }
});

Deno.test("cli validate: --version overrides detection; usage errors exit 2", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    const sample = `${QUIRKS}focus10_quoted_nulls.csv`;
    const r = await runCli(["validate", sample, "--version", "1.2", "--json"], { cwd: dir });
    equal(r.code, 1);
    const f = r.json<JsonReport>().files[0];
    equal(f.focusVersion, "1.2");
    equal(f.detectedVersion, "1.0");
    equal(f.rows, 6);
    equal((await runCli(["validate"], { cwd: dir })).code, 2);
    equal((await runCli(["validate", sample, "--version", "2.0"], { cwd: dir })).code, 2);
    equal((await runCli(["validate", sample, "--max-examples", "x"], { cwd: dir })).code, 2);
  } finally {
    await cleanup();
  }
});
