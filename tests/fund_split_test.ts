import { deepEqual, equal } from "node:assert/strict";
import { runCli, tempWorkspace } from "./cli_harness.ts";

const CONFIG = (dir: string) =>
  `database:
  path: ${dir}/billing.db
output:
  pdf_dir: ${dir}/pdfs
  journal_dir: ${dir}/j
  email_dir: ${dir}/e
imports:
  known_sources:
    - {name: AWS, fund_org: "RC-900", account_code: "4500"}
funding:
  funds:
    - {fund_org: CHEM-OLD, expires: 2026-04-30}
  splits:
    - project_id: catalysis-ml
      from: 2026-01
      funds: [{fund_org: CHEM-10423, percent: "60"}, {fund_org: CHEM-10588, percent: "40"}]
    - project_id: half-split
      from: 2026-05
      until: 2026-05
      funds: [{fund_org: A-1, percent: "50"}, {fund_org: B-2, percent: "49.99"}]
`;

const tags = (o: Record<string, string>) => `"${JSON.stringify(o).replaceAll('"', '""')}"`;
const cat = tags({ pi_email: "cat@uni.edu", project_id: "catalysis-ml" });

Deno.test("fund split 60/40: two GL debits adding up exactly to the statement; split_not_100 and expired_fund flagged", async () => {
  const { dir, cleanup } = await tempWorkspace("oc-split-");
  try {
    await Deno.writeTextFile(`${dir}/config.yaml`, CONFIG(dir));
    await Deno.writeTextFile(
      `${dir}/aws.csv`,
      [
        "BillingPeriodStart,BilledCost,BillingCurrency,Tags",
        `2026-05-01,10.005,USD,${cat}`,
        `2026-05-01,3.333333,USD,${cat}`,
        `2026-05-01,0.01,USD,${cat}`,
        `2026-05-01,1.00,USD,${tags({ pi_email: "h@uni.edu", project_id: "half-split" })}`,
        `2026-05-01,2.00,USD,${
          tags({ pi_email: "o@uni.edu", project_id: "old", fund_org: "CHEM-OLD" })
        }`,
      ].join("\n") + "\n",
    );
    const run = (args: string[]) => runCli([...args, "-c", "config.yaml"], { cwd: dir });
    let r = await run(["ingest", "--new-source", "aws.csv", "-s", "aws"]);
    equal(r.code, 0, r.stderr);
    r = await run(["review", "list", "-p", "2026-05", "--json"]);
    deepEqual(r.json<{ id: number; reasons: string[] }[]>().map((c) => [c.id, c.reasons]), [
      [4, ["split_not_100"]], // 50 + 49.99 = 99.99 %
      [5, ["expired_fund"]], // CHEM-OLD expired 2026-04-30
    ]);
    r = await run(["review", "reject", "--id", "4", "--id", "5", "--note", "not this test"]);
    equal(r.code, 0, r.stderr);
    r = await run(["generate", "-p", "2026-05", "--json"]);
    equal(r.code, 0, r.stderr); // the split project has no fund tag: the split funds it
    const st = r.json<{ statements: { project: string; billedCost: string }[] }>().statements;
    deepEqual(st.map((s) => [s.project, s.billedCost]), [["catalysis-ml", "13.35"]]);
    r = await run(["export-journal", "-p", "2026-05", "-f", "gl", "-o", "-"]);
    equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split("\n").slice(1).map((l) => l.split(","));
    // exact 13.348333 -> 13.35 due; 60 % = 8.01, 40 % = 5.34 (largest remainder), sum 13.35
    deepEqual(lines.map((l) => [l[1], l[2], l[6], l[7]]), [
      ["Debit", "CHEM-10423", "8.01", ""],
      ["Debit", "CHEM-10588", "5.34", ""],
      ["Credit", "RC-900", "", "13.35"],
    ]);
    const cents = (t: string) => Number(t.replace(".", "")); // "8.01" -> 801
    equal(cents(lines[0][6]) + cents(lines[1][6]), cents(st[0].billedCost));
  } finally {
    await cleanup();
  }
});
