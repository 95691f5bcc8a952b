/**
 * Issue 19, small items: a file error is printed once. A refused delivery's
 * one line names its first row error; the list under it used to repeat that
 * error (so a file with one bad row showed it twice).
 */

import { deepEqual, equal } from "node:assert/strict";
import { REPO_ROOT, runCli, tempWorkspace } from "./cli_harness.ts";

/** How often `needle` occurs in `text`. */
function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

Deno.test("cli: each file error is printed exactly once", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    const cwd = dir;
    await Deno.writeTextFile(`${dir}/c.yaml`, `database:\n  path: ${dir}/b.db\n`);
    const c = ["-c", "c.yaml"];
    await Deno.writeTextFile(
      `${dir}/one_bad.csv`,
      "BilledCost,BillingPeriodStart\nabc,2025-01-01\n",
    );
    await Deno.writeTextFile(
      `${dir}/two_bad.csv`,
      "BilledCost,BillingPeriodStart\nabc,2025-01-01\nxyz,2025-01-01\n",
    );
    await Deno.writeTextFile(`${dir}/quote.csv`, 'a,b\n1,"2\n');
    await Deno.writeTextFile(`${dir}/rates.yaml`, "version: 1\ncurrency: USD\n");

    const missing = await runCli(["ingest", "missing.csv", "-s", "aws", "--new-source", ...c], {
      cwd,
    });
    equal(missing.code, 1);
    equal(count(missing.stderr, "file not found: missing.csv"), 1);
    equal(missing.stderr.trim().split("\n").length, 1);

    const one = await runCli(["ingest", "one_bad.csv", "-s", "aws", "--new-source", ...c], { cwd });
    equal(one.code, 1);
    equal(count(one.stderr, "one_bad.csv:2: column BilledCost: 'abc' is not a number."), 1);
    equal(one.stderr.trim().split("\n").length, 1);

    // two errors: the first on the error line, the second listed under it, each once
    const two = await runCli(["ingest", "two_bad.csv", "-s", "aws", "--new-source", ...c], { cwd });
    equal(two.code, 1);
    deepEqual(
      [count(two.stderr, "'abc' is not a number"), count(two.stderr, "'xyz' is not a number")],
      [1, 1],
    );
    equal(count(two.stderr, "(2 errors; nothing was stored)"), 1);

    const notBilling = await runCli(["ingest", "quote.csv", "-s", "aws", "--new-source", ...c], {
      cwd,
    });
    equal(notBilling.code, 1);
    equal(count(notBilling.stderr, "this is not a FOCUS Cost and Usage dataset"), 1);

    // --json keeps the same lines on stderr (stdout stays empty)
    const json = await runCli([
      "ingest",
      "one_bad.csv",
      "-s",
      "aws",
      "--new-source",
      "--json",
      ...c,
    ], { cwd });
    equal(json.code, 1);
    equal(count(json.stderr, "'abc' is not a number."), 1);

    const validate = await runCli(["validate", "missing.csv"], { cwd });
    equal(validate.code, 1);
    equal(count(validate.stdout + validate.stderr, "file not found"), 1);

    const rates = await runCli(["rates", "check", "rates.yaml", ...c], { cwd });
    equal(rates.code, 1);
    equal(count(rates.stderr, "rates.yaml:1: skus:"), 1);

    const convert = await runCli(
      [
        "convert",
        "slurm",
        "missing.txt",
        "-p",
        "2025-01",
        "--rates",
        `${REPO_ROOT}sample_data/rates.example.yaml`,
        ...c,
      ],
      { cwd },
    );
    equal(convert.code, 1);
    equal(count(convert.stderr, "file not found: missing.txt"), 1);
    equal(convert.stderr.trim().split("\n").length, 1);
  } finally {
    await cleanup();
  }
});
