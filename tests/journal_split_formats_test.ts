/**
 * Fund splits in every journal format (issue 17 item 4): a 60/40 project and
 * a 33.33/33.33/33.34 one (stored in the database, overriding the charges'
 * fund tag) exported through the real CLI in gl, summary, detail and the
 * built-in workday template. Each fund's figure is asserted to the cent, the
 * fund lines add up exactly to the statements, and no line bills an empty
 * Fund/Org.
 */

import { deepEqual, equal } from "node:assert/strict";
import { runCli, tempWorkspace } from "./cli_harness.ts";
import { loadConfig } from "../src/config/mod.ts";
import { openContext } from "../src/app_context.ts";
import { saveFundSplit } from "../src/funding/mod.ts";

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
journal:
  template: workday
funding:
  splits:
    - project_id: catalysis-ml
      from: 2026-01
      funds: [{fund_org: CHEM-10423, percent: "60"}, {fund_org: CHEM-10588, percent: "40"}]
`;

const tags = (o: Record<string, string>) => `"${JSON.stringify(o).replaceAll('"', '""')}"`;
const cat = tags({ pi_email: "cat@uni.edu", project_id: "catalysis-ml" });
const three = tags({ pi_email: "t@uni.edu", project_id: "three-way", fund_org: "T-0" });

/** "8.01" -> 801 cents (journal amounts are plain decimals with two places). */
const cents = (t: string) => Number(t.replace(".", ""));
const sum = (xs: string[]) => xs.reduce((a, x) => a + cents(x), 0);

Deno.test("fund splits: gl, summary, detail and the workday template debit each fund its share, to the cent", async () => {
  const { dir, cleanup } = await tempWorkspace("oc-split-formats-");
  try {
    await Deno.writeTextFile(`${dir}/config.yaml`, CONFIG(dir));
    await Deno.writeTextFile(
      `${dir}/aws.csv`,
      [
        "BillingPeriodStart,BilledCost,BillingCurrency,Tags",
        `2026-05-01,10.005,USD,${cat}`,
        `2026-05-01,3.333333,USD,${cat}`,
        `2026-05-01,0.01,USD,${cat}`,
        `2026-05-01,6.00,USD,${three}`,
        `2026-05-01,4.00,USD,${three}`,
        `2026-05-01,2.50,USD,${
          tags({ pi_email: "p@uni.edu", project_id: "plain", fund_org: "BIO-1" })
        }`,
      ].join("\n") + "\n",
    );
    const run = (args: string[]) => runCli([...args, "-c", "config.yaml"], { cwd: dir });
    let r = await run(["ingest", "--new-source", "aws.csv", "-s", "aws"]);
    equal(r.code, 0, r.stderr);
    // the 3-way split is stored in the database (the web settings page's service)
    const loaded = loadConfig(`${dir}/config.yaml`);
    const ctx = openContext(loaded.config, loaded.path, "test");
    try {
      saveFundSplit(ctx, {
        projectId: "three-way",
        from: "2026-05",
        funds: [
          { fundOrg: "T-A", percent: "33.33" },
          { fundOrg: "T-B", percent: "33.33" },
          { fundOrg: "T-C", percent: "33.34" },
        ],
      });
    } finally {
      ctx.db.close();
    }
    r = await run(["generate", "-p", "2026-05", "--json"]);
    equal(r.code, 0, r.stderr);
    const st = r.json<{ statements: { project: string; billedCost: string }[] }>().statements;
    // catalysis-ml exact 13.348333 -> 13.35; three-way 10.00; plain 2.50
    deepEqual(st.map((s) => [s.project, s.billedCost]).sort(), [
      ["catalysis-ml", "13.35"],
      ["plain", "2.50"],
      ["three-way", "10.00"],
    ]);
    const statementCents = sum(st.map((s) => s.billedCost));
    equal(statementCents, 2585);
    const table = async (format: string) => {
      const out = await run(["export-journal", "-p", "2026-05", "-f", format, "-o", "-"]);
      equal(out.code, 0, out.stderr);
      const [header, ...rows] = out.stdout.trim().split("\n").map((l) => l.split(","));
      return { header, rows };
    };

    // gl: each statement's share split by percent, largest remainder:
    // 13.35 * 60 % = 8.01 (8.010), 40 % = 5.34; 10.00 by thirds 3.333/3.333/3.334 -> 3.33/3.33/3.34
    const gl = await table("gl");
    deepEqual(gl.rows.map((l) => [l[1], l[2], l[6], l[7]]), [
      ["Debit", "BIO-1", "2.50", ""],
      ["Debit", "CHEM-10423", "8.01", ""],
      ["Debit", "CHEM-10588", "5.34", ""],
      ["Debit", "T-A", "3.33", ""],
      ["Debit", "T-B", "3.33", ""],
      ["Debit", "T-C", "3.34", ""],
      ["Credit", "RC-900", "", "25.85"],
    ]);
    equal(sum(gl.rows.filter((l) => l[1] === "Debit").map((l) => l[6])), statementCents);

    // summary: one row per fund, the same figures as the GL debits, percent column
    const summary = await table("summary");
    deepEqual(summary.header, [
      "PI Email",
      "Project ID",
      "Fund/Org",
      "Currency",
      "Charges",
      "List",
      "Discount",
      "Billed",
      "Fund Percent",
    ]);
    deepEqual(summary.rows.map((l) => [l[1], l[2], l[4], l[7], l[8]]), [
      ["catalysis-ml", "CHEM-10423", "3", "8.01", "60.00"],
      ["catalysis-ml", "CHEM-10588", "3", "5.34", "40.00"],
      ["plain", "BIO-1", "1", "2.50", ""],
      ["three-way", "T-A", "2", "3.33", "33.33"],
      ["three-way", "T-B", "2", "3.33", "33.33"],
      ["three-way", "T-C", "2", "3.34", "33.34"],
    ]);
    equal(sum(summary.rows.map((l) => l[7])), statementCents);

    // detail: each charge once per fund; its statement line split by percent.
    // catalysis-ml lines: 13.35 over 10.005/3.333333/0.01 -> 10.01, 3.33, 0.01;
    // 10.01 -> 6.006/4.004 -> 6.01/4.00; 3.33 -> 1.998/1.332 -> 2.00/1.33;
    // 0.01 -> 0.006/0.004 -> 0.01/0.00. three-way: 6.00 -> 2.00 x 3;
    // 4.00 -> 1.3332/1.3332/1.3336 -> 1.33/1.33/1.34.
    const detail = await table("detail");
    equal(detail.header[4], "Fund/Org");
    equal(detail.header[13], "Fund Percent");
    const byCharge = new Map<string, string[][]>();
    for (const l of detail.rows) {
      byCharge.set(l[12], [...(byCharge.get(l[12]) ?? []), [l[4], l[10], l[13]]]);
    }
    deepEqual(Object.fromEntries(byCharge), {
      "1": [["CHEM-10423", "6.01", "60.00"], ["CHEM-10588", "4.00", "40.00"]],
      "2": [["CHEM-10423", "2.00", "60.00"], ["CHEM-10588", "1.33", "40.00"]],
      "3": [["CHEM-10423", "0.01", "60.00"], ["CHEM-10588", "0.00", "40.00"]],
      "4": [["T-A", "2.00", "33.33"], ["T-B", "2.00", "33.33"], ["T-C", "2.00", "33.34"]],
      "5": [["T-A", "1.33", "33.33"], ["T-B", "1.33", "33.33"], ["T-C", "1.34", "33.34"]],
      "6": [["BIO-1", "2.50", ""]],
    });
    equal(sum(detail.rows.map((l) => l[10])), statementCents);
    // per fund the detail adds up to 8.02 / 5.33 (its charges' lines are split
    // one by one), within a cent of the GL's 8.01 / 5.34; the project's 13.35 is exact
    const fundTotal = (f: string) => sum(detail.rows.filter((l) => l[4] === f).map((l) => l[10]));
    deepEqual([fundTotal("CHEM-10423"), fundTotal("CHEM-10588")], [802, 533]);
    deepEqual([fundTotal("T-A"), fundTotal("T-B"), fundTotal("T-C")], [333, 333, 334]);

    // the workday template iterates over the same split GL lines
    const wd = await table("template");
    deepEqual(wd.rows.map((l) => [l[8], l[4], l[5]]), [
      ["BIO-1", "2.50", ""],
      ["CHEM-10423", "8.01", ""],
      ["CHEM-10588", "5.34", ""],
      ["T-A", "3.33", ""],
      ["T-B", "3.33", ""],
      ["T-C", "3.34", ""],
      ["RC-900", "", "25.85"],
    ]);

    for (const t of [gl.rows.map((l) => l[2]), summary.rows.map((l) => l[2])]) {
      equal(t.includes(""), false, "no line bills an empty Fund/Org");
    }
    equal(detail.rows.some((l) => l[4] === ""), false);
    equal(wd.rows.some((l) => l[8] === ""), false);
  } finally {
    await cleanup();
  }
});
