/**
 * End to end: a month of Slurm accounting converted by the real CLI, piped
 * into `ingest -` (standard input), reviewed, and billed: the statement shows
 * per SKU the list price, the subsidy and the outage credit.
 *
 * Figures (rate card TEST_CARD, period 2026-09, cpu-std 0.0180 with 25 %):
 * - job 1 (chem): 10 CPUs on standard for 24 h on 2026-09-14; the outage covers
 *   06:00-18:00Z: 120 core-hours billed (list 2.16, subsidy 0.54, billed 1.62)
 *   and 120 core-hours of outage credit (list 2.16, billed 0.00);
 * - job 2 (chem): 8 CPUs and 2 GPUs (typed + untyped: 2, not 4) on gpu for 10 h:
 *   20 GPU-hours x 1.2500 = 25.00 and 80 core-hours x 0.0100 = 0.80;
 * - job 3 (bio, not in accounts.csv): 4 core-hours, held for review, rejected.
 */

import { deepEqual, equal, match } from "node:assert/strict";
import { runCli, tempWorkspace } from "./cli_harness.ts";
import { HEADER, sacctLine as L, TEST_CARD } from "../src/metering/metering_test_kit.ts";
import { iterateBillableCharges, openDatabase } from "../src/storage/mod.ts";
import { buildStatementModels } from "../src/statements/mod.ts";
import { formatMicros } from "../src/domain/money.ts";

Deno.test("e2e: convert slurm | ingest - -> review -> generate: list, subsidy and outage credit per SKU", async () => {
  const { dir, cleanup } = await tempWorkspace("oc-convert-e2e-");
  try {
    await Deno.writeTextFile(`${dir}/rates.yaml`, TEST_CARD);
    await Deno.writeTextFile(
      `${dir}/accounts.csv`,
      "account,pi_email,project_id,fund_org,pi_name\nchem,ada@x.edu,catalysis,CHEM-1,Ada Lovelace\n",
    );
    await Deno.writeTextFile(`${dir}/config.yaml`, "metering:\n  rates: rates.yaml\n");
    const sacct = [
      HEADER,
      L({
        JobID: "1",
        Start: "2026-09-14T00:00:00",
        End: "2026-09-15T00:00:00",
        Elapsed: "1-00:00:00",
        AllocTRES: "billing=10,cpu=10,mem=8G,node=1",
      }),
      L({
        JobID: "1.batch",
        Start: "2026-09-14T00:00:00",
        End: "2026-09-15T00:00:00",
        Elapsed: "1-00:00:00",
        AllocTRES: "cpu=10,mem=8G,node=1",
      }),
      L({
        JobID: "2",
        Partition: "gpu",
        Start: "2026-09-20T00:00:00",
        End: "2026-09-20T10:00:00",
        Elapsed: "10:00:00",
        AllocTRES: "billing=8,cpu=8,gres/gpu:a100=2,gres/gpu=2,mem=64G,node=1",
      }),
      L({ JobID: "3", Account: "bio", User: "bob" }),
    ];
    await Deno.writeTextFile(`${dir}/sacct.txt`, sacct.join("\n") + "\n");
    const run = (args: string[], stdin?: string) =>
      runCli([...args, "-c", "config.yaml"], { cwd: dir, stdin });

    const conv = await run([
      "convert",
      "slurm",
      "-p",
      "2026-09",
      "--accounts",
      "accounts.csv",
      "sacct.txt",
      "-o",
      "-",
      "--report",
      "conv.json",
    ]);
    equal(conv.code, 0, conv.stderr);
    match(conv.stderr, /jobs: 3 read, 3 billed, 0 skipped; 1 steps dropped/);
    const ing = await run([
      "ingest",
      "--new-source",
      "-",
      "-s",
      "hpc",
      "-p",
      "2026-09",
      "--report",
      "conv.json",
      "--json",
    ], conv.stdout);
    equal(ing.code, 0, ing.stderr);
    const summary = ing.json<
      { files: string[]; rows: number; billedCost: string; listCost: string }
    >();
    deepEqual([summary.files, summary.rows, summary.billedCost, summary.listCost], [
      ["-"],
      5,
      "27.474",
      "30.192",
    ]);

    const audit = await run(["audit", "list", "--json"]);
    const entry = audit.json<
      { action: string; details: { report: { kind: string; rows: number } } }[]
    >()
      .find((e) => e.action === "import.converter_report");
    deepEqual([entry?.details.report.kind, entry?.details.report.rows], ["slurm", 5]);

    const pending = (await run(["review", "list", "-p", "2026-09", "--json"])).json<
      { id: number; billedCost: string; reasons: string[] }[]
    >();
    deepEqual(pending.map((c) => [c.billedCost, c.reasons.includes("missing_pi_email")]), [[
      "0.054",
      true,
    ]]);
    equal(
      (await run(["review", "reject", "--id", String(pending[0].id), "--note", "unmapped account"]))
        .code,
      0,
    );

    const gen = await run(["generate", "-p", "2026-09", "--json"]);
    equal(gen.code, 0, gen.stderr);
    const statements = gen.json<{ statements: { billedCost: string; pdf: string }[] }>().statements;
    deepEqual(statements.map((s) => s.billedCost), ["27.42"]); // 1.62 + 0.00 + 25.00 + 0.80

    // the model the PDF is rendered from
    const db = openDatabase(`${dir}/instance/billing.db`);
    try {
      const [model] = buildStatementModels(iterateBillableCharges(db, { period: "2026-09" }), {
        period: "2026-09",
        grouping: "project",
      });
      equal(model.pi.email, "ada@x.edu");
      const lines = model.sections[0].lines.map((l) => [
        l.resource,
        l.description,
        l.quantity,
        formatMicros(l.list, 2),
        formatMicros(l.discount, 2),
        formatMicros(l.billed, 2),
      ]).sort((a, b) => a[1].localeCompare(b[1]));
      deepEqual(lines, [
        [
          "chem on cascade/gpu: cpu-gpu",
          "cpu-gpu at 0.0100 per core-hour",
          "80 core-hours",
          "0.80",
          "0.00",
          "0.80",
        ],
        [
          "chem on cascade/standard: cpu-std",
          "cpu-std at 0.0180 per core-hour; subsidy 25 %",
          "120 core-hours",
          "2.16",
          "0.54",
          "1.62",
        ],
        [
          "chem on cascade/gpu: gpu-a100",
          "gpu-a100 at 1.2500 per gpu-hour",
          "20 gpu-hours",
          "25.00",
          "0.00",
          "25.00",
        ],
        [
          "chem on cascade/standard: cpu-std outage credit (cooling failure)",
          "outage credit: cooling failure (cpu-std at 0.0180 per core-hour, not billed)",
          "120 core-hours",
          "2.16",
          "2.16",
          "0.00",
        ],
      ]);
      equal(formatMicros(model.sections[0].totals.discount, 2), "2.70"); // 0.54 subsidy + 2.16 outage
    } finally {
      db.close();
    }
    equal((await Deno.stat(statements[0].pdf)).isFile, true);
  } finally {
    await cleanup();
  }
});
