/**
 * `convert slurm`, `convert storage` and `rates` through the real CLI: refusals
 * with file and line, the report on stderr (--json), -o files, --parsable
 * variants read with --delimiter, and the config's metering keys.
 */

import { deepEqual, equal, match } from "node:assert/strict";
import { runCli, tempWorkspace } from "./cli_harness.ts";
import { HEADER, sacctLine as L, TEST_CARD } from "../src/metering/metering_test_kit.ts";

async function workspace() {
  const ws = await tempWorkspace("oc-convert-");
  await Deno.writeTextFile(`${ws.dir}/rates.yaml`, TEST_CARD);
  return ws;
}

Deno.test("convert slurm: a line with the wrong field count refuses the file, naming its line", async () => {
  const { dir, cleanup } = await workspace();
  try {
    const bad = [HEADER, L({}), L({ JobID: "2" }).split("|").slice(1).join("|"), L({ JobID: "3" })];
    await Deno.writeTextFile(`${dir}/sacct.txt`, bad.join("\n") + "\n");
    const r = await runCli(
      ["convert", "slurm", "-p", "2026-09", "--rates", "rates.yaml", "sacct.txt", "-o", "out.csv"],
      { cwd: dir },
    );
    equal(r.code, 1);
    equal(
      r.stderr.trim(),
      "error: sacct.txt:3: 14 fields where the header names 15; the file is refused. " +
        "Check the delimiter (--delimiter) and that no field contains it.",
    );
    const left = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
    deepEqual(left, ["rates.yaml", "sacct.txt"]); // no out.csv, no partial file
  } finally {
    await cleanup();
  }
});

Deno.test("rates check: an overlapping card is refused naming its line; a good one passes", async () => {
  const { dir, cleanup } = await workspace();
  try {
    const overlapping = TEST_CARD.replace("{from: 2026-07, list", "{from: 2026-05, list");
    await Deno.writeTextFile(`${dir}/bad.yaml`, overlapping);
    const bad = await runCli(["rates", "check", "bad.yaml"], { cwd: dir });
    equal(bad.code, 1);
    match(
      bad.stderr,
      /^error: bad\.yaml:10: SKU 'cpu-std': history from 2026-05 overlaps the entry of line 9 \(2024-01 to 2026-06\)\./,
    );
    const good = await runCli(["rates", "check", "rates.yaml", "--json"], { cwd: dir });
    equal(good.code, 0, good.stderr);
    deepEqual(good.json(), { file: "rates.yaml", ok: true, currency: "USD", skus: 3, outages: 1 });
    const show = await runCli([
      "rates",
      "show",
      "--at",
      "2026-09",
      "--rates",
      "rates.yaml",
      "--json",
    ], {
      cwd: dir,
    });
    const shown = show.json<{ skus: { id: string; list: string; subsidies: unknown[] }[] }>();
    deepEqual(shown.skus.map((s) => [s.id, s.list]), [
      ["cpu-std", "0.0180"],
      ["gpu-a100", "1.2500"],
      [
        "cpu-gpu",
        "0.0100",
      ],
    ]);
    deepEqual(shown.skus[0].subsidies, [{ percent: "25", when: "all" }, {
      percent: "100",
      when: "account teaching",
    }]);
    const text = await runCli(["rates", "show", "--at", "2026-03", "--rates", "rates.yaml"], {
      cwd: dir,
    });
    match(text.stdout, /cpu-std: HPC Compute, 0\.0200 USD per core-hour \(cpu-a\)/);
  } finally {
    await cleanup();
  }
});

Deno.test("convert slurm: the config names the rate card and time zone; --json report on stderr; -o file", async () => {
  const { dir, cleanup } = await workspace();
  try {
    await Deno.writeTextFile(
      `${dir}/config.yaml`,
      "metering:\n  rates: rates.yaml\n  timezone: Europe/Amsterdam\n",
    );
    // 2026-10-01T01:00 in Amsterdam (UTC+2) is 2026-09-30T23:00Z: 1 of its 2 hours is September's
    const lines = [
      HEADER,
      L({ Start: "2026-10-01T01:00:00", End: "2026-10-01T03:00:00", Elapsed: "02:00:00" }),
    ];
    await Deno.writeTextFile(`${dir}/sacct.txt`, lines.join("\n") + "\n");
    const r = await runCli(
      [
        "convert",
        "slurm",
        "-p",
        "2026-09",
        "sacct.txt",
        "-o",
        "hpc.csv",
        "--json",
        "--report",
        "rep.json",
      ],
      { cwd: dir },
    );
    equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stderr);
    equal(report.timezone, "Europe/Amsterdam");
    deepEqual(report.jobs, { read: 1, billed: 1, skipped: {} });
    deepEqual(JSON.parse(await Deno.readTextFile(`${dir}/rep.json`)), report);
    const csv = await Deno.readTextFile(`${dir}/hpc.csv`);
    match(
      csv.split("\n")[1],
      /,cpu-std,cpu-b,Standard,4,core-hours,USD,4,core-hours,0\.0180,0\.072,,0\.054,0\.054,0\.054,/,
    );
    const valid = await runCli(["validate", "hpc.csv", "--json"], { cwd: dir });
    equal(valid.json<{ conformant: boolean }>().conformant, true);
  } finally {
    await cleanup();
  }
});

Deno.test("convert slurm: --parsable output (trailing delimiter) and a custom delimiter with --delimiter, no header", async () => {
  const { dir, cleanup } = await workspace();
  try {
    const cols = HEADER.replaceAll("|", ",");
    const row = L({ AllocTRES: "billing=6,cpu=6,mem=4G,node=1" });
    await Deno.writeTextFile(`${dir}/snow.txt`, row.replaceAll("|", "☃") + "☃\n");
    await Deno.writeTextFile(`${dir}/pipe.txt`, row + "|\n");
    for (const [file, d] of [["snow.txt", "☃"], ["pipe.txt", "|"]]) {
      const r = await runCli(
        [
          "convert",
          "slurm",
          "-p",
          "2026-09",
          "--rates",
          "rates.yaml",
          "--columns",
          cols,
          "--delimiter",
          d,
          file,
        ],
        { cwd: dir },
      );
      equal(r.code, 0, r.stderr);
      match(r.stdout.split("\n")[1], /,cpu-std,cpu-b,Standard,6,core-hours,/);
      match(r.stderr, /jobs: 1 read, 1 billed, 0 skipped/);
    }
    // without --delimiter the ☃ file is one field per line: refused, naming the line
    const wrong = await runCli(
      ["convert", "slurm", "-p", "2026-09", "--rates", "rates.yaml", "--columns", cols, "snow.txt"],
      { cwd: dir },
    );
    equal(wrong.code, 1);
    match(wrong.stderr, /snow\.txt:1: 1 fields where the columns name 15/);
  } finally {
    await cleanup();
  }
});

Deno.test("convert storage: quota snapshots to TiB-months through the CLI", async () => {
  const { dir, cleanup } = await workspace();
  try {
    await Deno.writeTextFile(
      `${dir}/rates.yaml`,
      `currency: USD
skus:
  - id: storage-project
    service: Research Storage - Project
    unit: TiB-months
    measure: {storage: bytes}
    match: {filesystem: [project]}
    history:
      - {from: 2026-01, list: "8.00"}
    free: "1"
`,
    );
    const tib = 1024 ** 4;
    await Deno.writeTextFile(
      `${dir}/snap.csv`,
      `timestamp,key,bytes_used,bytes_quota,filesystem\n2026-09-01T00:00:00Z,genome,${tib},${
        5 * tib
      },project\n`,
    );
    await Deno.writeTextFile(
      `${dir}/accounts.csv`,
      "account,pi_email,project_id,fund_org,pi_name\ngenome,ada@x.edu,gen,BIO-1,Ada\n",
    );
    const r = await runCli(
      [
        "convert",
        "storage",
        "-p",
        "2026-09",
        "--basis",
        "quota",
        "--rates",
        "rates.yaml",
        "--accounts",
        "accounts.csv",
        "--max-gap",
        "31",
        "snap.csv",
      ],
      { cwd: dir },
    );
    equal(r.code, 0, r.stderr);
    const line = r.stdout.split("\n")[1];
    match(
      line,
      /,storage-project,,Standard,5,TiB-months,USD,5,TiB-months,8\.00,40\.00,,32\.00,32\.00,32\.00,/,
    );
    match(line, /pi_email"":""ada@x\.edu/);
    match(r.stderr, /rows: 1; list 40\.00, free tier 8\.00, subsidy 0\.00, billed 32\.00 USD/);
  } finally {
    await cleanup();
  }
});
