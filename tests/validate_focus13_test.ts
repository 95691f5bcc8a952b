/**
 * `validate` on small FOCUS 1.3 files written here: a conformant 1.3 file has
 * no findings (its new columns are no custom columns), then the 1.3 rules one
 * at a time (split cost allocation, ContractApplied, the new mandatory
 * columns), `--version 1.3` on the CLI, and a file whose header cannot be read.
 */

import { deepEqual, equal, match } from "node:assert/strict";
import { fileFromBytes } from "../src/ingest/ingest_file.ts";
import { type FileValidation, validateFiles } from "../src/validate/mod.ts";
import { runCli, tempWorkspace } from "./cli_harness.ts";

/** A conformant FOCUS 1.3 row: the 1.0 core, ServiceProviderName/HostProviderName, a split share. */
const GOOD: Record<string, string> = {
  AvailabilityZone: "us-east-1a",
  BilledCost: "0.45",
  BillingAccountId: "acct-1",
  BillingAccountName: "Research Lab",
  BillingCurrency: "USD",
  BillingPeriodEnd: "2026-06-01T00:00:00Z",
  BillingPeriodStart: "2026-05-01T00:00:00Z",
  ChargeCategory: "Usage",
  ChargeClass: "",
  ChargeDescription: "node hours, workload share",
  ChargeFrequency: "Usage-Based",
  ChargePeriodEnd: "2026-05-02T00:00:00Z",
  ChargePeriodStart: "2026-05-01T00:00:00Z",
  ContractedCost: "0.45",
  EffectiveCost: "0.45",
  InvoiceIssuerName: "Cloud Inc",
  ListCost: "0.50",
  PricingQuantity: "1",
  PricingUnit: "Hours",
  ProviderName: "Cloud Inc",
  PublisherName: "Cloud Inc",
  ServiceCategory: "Compute",
  ServiceName: "Kubernetes",
  ServiceSubcategory: "Containers",
  InvoiceId: "INV-1",
  ResourceId: "node-1",
  ResourceType: "Node",
  ServiceProviderName: "Cloud Inc",
  HostProviderName: "Cloud Inc",
  AllocatedMethodId: "split-weighted",
  AllocatedMethodDetails:
    '{"Elements":[{"AllocatedRatio":0.45,"UsageUnit":"Hours","UsageQuantity":3.5}]}',
  AllocatedResourceId: "cluster-1/workloads/search",
  AllocatedResourceName: "workload-search",
  AllocatedTags: '{"workload":"search"}',
  ContractApplied:
    '{"Elements":[{"ContractId":"C-1","ContractCommitmentId":"CC-1","ContractCommitmentAppliedCost":0.45}]}',
  Tags: '{"pi_email": "a@example.edu"}',
};

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

function csv(rows: Record<string, string>[], header = Object.keys(GOOD)): string {
  const lines = [header.join(",")];
  for (const r of rows) lines.push(header.map((h) => quote({ ...GOOD, ...r }[h] ?? "")).join(","));
  return lines.join("\n") + "\n";
}

async function check(text: string | Uint8Array): Promise<FileValidation> {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  return (await validateFiles([fileFromBytes("t.csv", bytes)])).files[0];
}

const rules = (r: FileValidation) => r.errors.map((e) => [e.rule, e.column, e.count]);

Deno.test("validate 1.3: a conformant file (split share, unsplit row) has no findings", async () => {
  const unsplit = {
    AllocatedMethodId: "",
    AllocatedMethodDetails: "",
    AllocatedResourceId: "",
    AllocatedResourceName: "",
    AllocatedTags: "",
    ContractApplied: "",
  };
  const r = await check(csv([{}, unsplit]));
  equal(r.focusVersion, "1.3");
  equal(r.detectedVersion, "1.3");
  deepEqual([r.errors, r.warnings, r.conformant], [[], [], true]);
});

Deno.test("validate 1.3: the new mandatory columns and their nulls", async () => {
  const header = Object.keys(GOOD).filter((h) => h !== "HostProviderName");
  const r = await check(csv([{ ServiceProviderName: "" }], header));
  deepEqual(rules(r), [
    ["oc-presence-HostProviderName", "HostProviderName", 1],
    ["oc-notNull-ServiceProviderName", "ServiceProviderName", 1],
  ]);
  // checked as 1.0, the 1.3 columns are FOCUS columns of another version (not custom ones)
  const v10 = await validateFiles(
    [fileFromBytes("t.csv", new TextEncoder().encode(csv([{}])))],
    { version: "1.0" },
  );
  deepEqual(
    v10.files[0].warnings.map((w) => w.column),
    [
      "ServiceSubcategory", // 1.1
      "InvoiceId", // 1.2
      "ServiceProviderName",
      "HostProviderName",
      "AllocatedMethodId",
      "AllocatedMethodDetails",
      "AllocatedResourceId",
      "AllocatedResourceName",
      "AllocatedTags",
      "ContractApplied",
    ],
  );
  equal(v10.files[0].warnings[0].rule, "oc-column-not-in-version");
});

Deno.test("validate 1.3: split cost allocation rules across columns", async () => {
  const r = await check(csv([
    { AllocatedResourceName: "" }, // line 2: a target without its name
    { AllocatedMethodId: "" }, // line 3: a target without a method
    { AllocatedResourceId: "", AllocatedResourceName: "", AllocatedMethodId: "" }, // line 4: details/tags left
  ]));
  deepEqual(r.errors.map((e) => [e.rule, e.examples.map((x) => x.line)]), [
    ["oc-allocated-AllocatedResourceName", [2]],
    ["oc-allocated-AllocatedMethodId", [3]],
    ["oc-allocated-AllocatedResourceId", [3]],
    ["oc-allocated-AllocatedMethodDetails", [3, 4]],
    ["oc-allocated-AllocatedTags", [3, 4]],
  ]);
});

Deno.test("validate 1.3: ContractApplied and AllocatedMethodDetails are JSON objects with Elements", async () => {
  const r = await check(csv([
    { ContractApplied: '{"ContractCommitmentId":"CC-1"}' },
    { ContractApplied: '{"Elements":[{"ContractCommitmentAppliedCost":1}]}' },
    { AllocatedMethodDetails: '{"Elements":[{"AllocatedRatio":"half"}]}' },
    { AllocatedTags: '{"nested":{"a":1}}' },
  ]));
  deepEqual(r.errors.map((e) => [e.rule, e.message, e.examples.map((x) => x.line)]), [
    ["oc-format-ContractApplied", 'not a JSON object with an "Elements" array', [2]],
    [
      "oc-format-ContractApplied",
      'every element of "Elements" needs a string ContractCommitmentId',
      [3],
    ],
    [
      "oc-format-AllocatedMethodDetails",
      'every element of "Elements" needs a number AllocatedRatio',
      [4],
    ],
    [
      "oc-format-AllocatedTags",
      "a value is an object or array (values must be string, number, boolean or null)",
      [5],
    ],
  ]);
});

Deno.test("cli validate --version 1.3; a header that cannot be read names no version", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    await Deno.writeTextFile(`${dir}/v13.csv`, csv([{}]));
    const r = await runCli(["validate", "v13.csv", "--version", "1.3"], { cwd: dir });
    equal(r.code, 0, r.stderr);
    match(r.stdout, /^v13\.csv: FOCUS 1\.3 \(detected: columns introduced in FOCUS 1\.3: /);
    const old = await runCli(["validate", "v13.csv", "--version", "1.4"], { cwd: dir });
    equal(old.code, 2);
    match(old.stderr, /Allowed choices are 1\.0, 1\.1, 1\.2, 1\.3/);
    // Windows-1252: "é" as the single byte 0xE9 in the header
    const latin = new Uint8Array([...new TextEncoder().encode("BilledCost,Caf"), 0xe9, 10]);
    await Deno.writeFile(`${dir}/cp1252.csv`, latin);
    const bad = await runCli(["validate", "cp1252.csv"], { cwd: dir });
    equal(bad.code, 1);
    match(bad.stdout, /^cp1252\.csv: FOCUS version unknown \(the header could not be read\)\n/);
    const json = await runCli(["validate", "cp1252.csv", "--json"], { cwd: dir });
    const f = json.json<{ files: FileValidation[] }>().files[0];
    deepEqual([f.focusVersion, f.detectedVersion, f.errors[0].rule], [
      null,
      null,
      "oc-file-unreadable",
    ]);
  } finally {
    await cleanup();
  }
});
