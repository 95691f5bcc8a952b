/**
 * Ingest of FOCUS 1.3 files written here: the version recorded is 1.3, the
 * new columns are kept with the charge, ServiceProviderName stands in for a
 * missing ProviderName, the charge detail page shows a split-cost-allocated
 * charge's origin, and a Contract Commitment file is refused by name with
 * nothing stored.
 */

import { deepEqual, equal, match } from "node:assert/strict";
import { fileFromBytes, ingestDelivery } from "../src/ingest/mod.ts";
import { ingestWorkspace, writeFile } from "./ingest_helpers.ts";
import { send, sessionFor, webFixture } from "./web_harness.ts";
import { pageText } from "./web_pages_kit.ts";

const TAGS = '"{""pi_email"": ""a@x.edu"", ""project_id"": ""p"", ""fund_org"": ""F-1""}"';
const HEADER =
  "BillingPeriodStart,BilledCost,BillingCurrency,ServiceProviderName,HostProviderName,ResourceId," +
  "AllocatedMethodId,AllocatedMethodDetails,AllocatedResourceId,AllocatedResourceName,AllocatedTags," +
  "ContractApplied,Tags";
/** Line 2: a split share of node-7; line 3: an ordinary charge. */
const ROWS = [
  "2026-05-01T00:00:00Z,0.43614810340200,USD,Datadog,AWS,node-7,split-weighted," +
  '"{""Elements"":[{""AllocatedRatio"":0.454540,""UsageUnit"":""Hours"",""UsageQuantity"":3.5925}]}",' +
  'cluster-1/workloads/checkout,workload-checkout,"{""workload"":""checkout""}",' +
  `"{""Elements"":[{""ContractCommitmentId"":""CC-1"",""ContractCommitmentAppliedCost"":0.43}]}",${TAGS}`,
  `2026-05-01T00:00:00Z,2.00,USD,Datadog,AWS,node-8,,,,,,,${TAGS}`,
];
const CSV = [HEADER, ...ROWS, ""].join("\n");

Deno.test("ingest 1.3: version 1.3 recorded, new columns kept, ServiceProviderName as provider", async () => {
  const ws = await ingestWorkspace();
  try {
    const file = await writeFile(ws.dir, "dd_2026-05.csv", CSV);
    const r = await ws.ingest([file, "-s", "datadog", "--json"]);
    equal(r.code, 0, r.stderr);
    const j = r.json<Record<string, unknown>>();
    deepEqual([j.focusVersion, j.rows, j.billedCost, j.warnings], ["1.3", 2, "2.436148", []]);
    deepEqual(ws.query("SELECT focus_version FROM imports"), [{ focus_version: "1.3" }]);
    const rows = ws.query<{ provider_name: string; extra: string | null }>(
      "SELECT provider_name, extra FROM charge_values ORDER BY line_no",
    );
    deepEqual(rows.map((x) => x.provider_name), ["Datadog", "Datadog"]);
    const extra = JSON.parse(rows[0].extra!);
    deepEqual(Object.keys(extra), [
      "BilledCost", // 14 decimals: the exact text is kept beside the micro-units
      "HostProviderName",
      "AllocatedMethodId",
      "AllocatedMethodDetails",
      "AllocatedResourceId",
      "AllocatedResourceName",
      "AllocatedTags",
      "ContractApplied",
    ]);
    equal(extra.AllocatedResourceId, "cluster-1/workloads/checkout");
    equal(rows[1].extra, '{"HostProviderName":"AWS"}');
  } finally {
    await ws.cleanup();
  }
});

Deno.test("ingest: a FOCUS 1.3 Contract Commitment file is refused by name, nothing stored", async () => {
  const ws = await ingestWorkspace();
  try {
    const file = await writeFile(
      ws.dir,
      "commitments.csv",
      [
        "ContractCommitmentId,ContractCommitmentType,ContractCommitmentCategory,ContractCommitmentCost," +
        "ContractId,ContractPeriodStart,ContractPeriodEnd,BillingCurrency",
        "CC-1,Spend,Spend,100000,C-1,2026-01-01T00:00:00Z,2027-01-01T00:00:00Z,USD",
        "",
      ].join("\n"),
    );
    const r = await ws.ingest([file, "-s", "aws", "--json"]);
    equal(r.code, 1);
    equal(r.stdout, "");
    match(
      r.stderr,
      /^error: .*commitments\.csv:1: this is a FOCUS Contract Commitment dataset \(ContractCommitmentId, ContractCommitmentType, ContractCommitmentCategory, \.\.\.; no BilledCost\), not billing data\. \(nothing was stored\)/,
    );
    deepEqual(ws.query("SELECT count(*) AS n FROM charges"), [{ n: 0 }]);
    deepEqual(ws.query("SELECT count(*) AS n FROM imports"), [{ n: 0 }]);
    deepEqual(ws.query("SELECT count(*) AS n FROM sources"), [{ n: 0 }]);
  } finally {
    await ws.cleanup();
  }
});

Deno.test("web charge detail: a split-cost-allocated charge shows its origin, target and method", async () => {
  const f = await webFixture();
  try {
    const s = await ingestDelivery(f.ctx(), {
      newSource: true,
      files: [fileFromBytes("dd_2026-05.csv", new TextEncoder().encode(CSV))],
      source: "datadog",
    });
    equal(s.focusVersion, "1.3");
    const [split, plain] = f.db.prepare("SELECT id FROM charges ORDER BY line_no").all() as {
      id: number;
    }[];
    const rita = sessionFor(f, "rita");
    const text = await pageText(await send(f, "GET", `/charges/${split.id}`, { as: rita }));
    match(
      text,
      /Split cost allocation .* Origin resource node-7 Allocated to cluster-1\/workloads\/checkout · workload-checkout Method split-weighted Share ratio 0\.45454 of 3\.5925 Hours Allocated tags \{"workload":"checkout"\}/,
    );
    const other = await pageText(await send(f, "GET", `/charges/${plain.id}`, { as: rita }));
    equal(other.includes("Split cost allocation"), false);
  } finally {
    await f.close();
  }
});
