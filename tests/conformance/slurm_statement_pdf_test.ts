/**
 * A public sacct log through the whole program: XDMoD's accounting-logs.log
 * (June 2015) converted by the real CLI with a rate card holding a subsidy and
 * an outage, piped into `ingest -`, and billed; the PDF statement (pdftotext)
 * shows per SKU the list price, the subsidy and the outage credit.
 *
 * By hand (cpu 0.0200, subsidy 25 %; outage 2015-06-29T00:00-12:00Z on ub-hpc/general-compute):
 * account anon (4103947, 256 CPUs): 248,650 s in June, 43,200 s of them in the outage:
 *   outage 256 x 12 h = 3,072 core-hours, list 61.44, billed 0;
 *   the rest 256 x 205,450 s = 14,609.777778 core-hours, list 292.195556 (292.20), subsidy 73.05, billed 219.15.
 */

import { equal, match } from "node:assert/strict";
import { runCli, tempWorkspace } from "../cli_harness.ts";
import { pdfText } from "../statements_seed.ts";
import { SLURM } from "./slurm_kit.ts";

const RATES = `currency: USD
skus:
  - id: cpu
    service: HPC Compute
    unit: core-hours
    measure: {tres: cpu}
    history:
      - {from: 2015-01, list: "0.0200"}
    subsidy:
      - {from: 2015-01, percent: "25"}
outages:
  - {cluster: ub-hpc, partition: [general-compute], start: "2015-06-29T00:00:00Z", end: "2015-06-29T12:00:00Z", reason: "cooling failure"}
`;

Deno.test("conformance e2e: xdmod June 2015 -> convert | ingest - -> generate: the PDF shows list, subsidy and outage credit", async () => {
  const { dir, cleanup } = await tempWorkspace("oc-slurm-pdf-");
  try {
    await Deno.writeTextFile(`${dir}/rates.yaml`, RATES);
    await Deno.writeTextFile(
      `${dir}/accounts.csv`,
      "account,pi_email,project_id,fund_org,pi_name\nanon,anon.pi@example.edu,hpc-anon,CCR-1,Anon PI\n",
    );
    const conv = await runCli([
      "convert",
      "slurm",
      "-p",
      "2015-06",
      "--rates",
      "rates.yaml",
      "--accounts",
      "accounts.csv",
      `${SLURM}xdmod_accounting-logs.log`,
      "-o",
      "-",
    ], { cwd: dir });
    equal(conv.code, 0, conv.stderr);
    const ing = await runCli(["ingest", "--new-source", "-", "-s", "hpc", "-p", "2015-06"], {
      cwd: dir,
      stdin: conv.stdout,
    });
    equal(ing.code, 0, ing.stderr);
    // the two unmapped accounts are held for review; approve them so the period can be billed
    equal((await runCli(["review", "approve", "-p", "2015-06"], { cwd: dir })).code, 0);
    const gen = await runCli(
      ["generate", "-p", "2015-06", "--pi", "anon.pi@example.edu", "--json"],
      { cwd: dir },
    );
    equal(gen.code, 0, gen.stderr);
    const [statement] =
      gen.json<{ statements: { pdf: string; billedCost: string }[] }>().statements;
    equal(statement.billedCost, "219.15");
    const text = (await pdfText(statement.pdf)).replace(/\s+/g, " ");
    // per SKU (cpu): the billed time with its list and 25 % subsidy, and the outage credit line
    // (list 61.44, credited in full); pdftotext -layout wraps the resource cell after "cpu"
    match(
      text,
      /general-compute: HPC Compute 14609\.77777 \$292\.20 -\$73\.05 \$219\.15 cpu 8 core-hours/,
    );
    match(
      text,
      /general-compute: HPC Compute 3072 \$61\.44 -\$61\.44 \$0\.00 cpu outage credit \(cooling failure\)/,
    );
    match(text, /Amount due \$353\.64 -\$134\.49 \(38 %\) \$219\.15/); // 73.05 + 61.44 = 134.49
  } finally {
    await cleanup();
  }
});
