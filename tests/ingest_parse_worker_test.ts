/**
 * The parse worker (src/ingest/read_delivery_in_worker.ts) against the
 * one-thread reader, through the real CLI: OPENCHARGEBACK_INGEST_WORKER=on
 * sends every on-disk delivery through the worker, =off none (the default, auto, from 16 MB). Same charges
 * (every column), rollups, summaries and refusals either way.
 */

import { deepEqual, equal, match } from "node:assert/strict";
import { MONTH, QUIRKS, runCli } from "./cli_harness.ts";
import { type IngestJson, ingestWorkspace, writeFile } from "./ingest_helpers.ts";
import { writeFocusCsv } from "../bench/generate_focus.ts";

/** Own all-quoted FOCUS 1.0 quirk file; the 1,000-row FOCUS sample: tests/conformance/. */
const SAMPLE = `${QUIRKS}focus10_quoted_nulls.csv`;

type Workspace = Awaited<ReturnType<typeof ingestWorkspace>>;

function ingestWith(ws: Workspace, worker: "on" | "off", args: string[]) {
  return runCli(["ingest", "--new-source", ...args, "-c", "config.yaml"], {
    cwd: ws.dir,
    env: { OPENCHARGEBACK_INGEST_WORKER: worker },
    limitMs: 60_000,
  });
}

/** Everything stored about the charges, in a comparable form. */
function stored(ws: Workspace) {
  return {
    charges: ws.query("SELECT * FROM charge_values ORDER BY id"),
    rollups: ws.query(
      `SELECT period, source_id, pi_email, pi_name, project_id, fund_org, service_name,
         billing_currency, review_status, charges, billed_cost, list_cost
       FROM charge_rollups WHERE charges > 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
    ),
    imports: ws.query("SELECT files, rows, added, flagged, billed_cost FROM imports"),
  };
}

/** Ingest `args` with and without the worker into two workspaces; both results. */
async function bothWays(args: (dir: string) => Promise<string[]>) {
  const out = [];
  for (const worker of ["on", "off"] as const) {
    const ws = await ingestWorkspace();
    try {
      const r = await ingestWith(ws, worker, await args(ws.dir));
      out.push({ r, stored: stored(ws) });
    } finally {
      await ws.cleanup();
    }
  }
  return out;
}

Deno.test("parse worker: all-quoted FOCUS 1.0 (NULL/empty nulls, E-notation, 26 columns) stored identically", async () => {
  const [on, off] = await bothWays(() => Promise.resolve([SAMPLE, "-s", "aws", "--json"]));
  equal(on.r.code, 0, on.r.stderr);
  deepEqual(on.r.json(), off.r.json());
  const s = on.r.json<IngestJson>();
  deepEqual([s.rows, s.added, s.flagged, s.billedCost], [6, 6, 6, "138.623458"]);
  equal(on.stored.charges.length, 6);
  deepEqual(on.stored, off.stored);
});

Deno.test("parse worker: a delivery of several files keeps each file's line numbers and totals", async () => {
  const files = [`${MONTH}aws_2025-01.csv`, `${MONTH}aws_2025-01.csv`];
  const [on, off] = await bothWays(async (dir) => {
    await writeFile(dir, "aws_copy.csv", await Deno.readTextFile(files[0]));
    return [files[0], "aws_copy.csv", "-s", "aws", "--json"];
  });
  equal(on.r.code, 0, on.r.stderr);
  const s = on.r.json<IngestJson>();
  // the same 8 rows twice: identical rows are distinct charges (occurrence 1 and 2)
  deepEqual([s.rows, s.added, s.billedCost], [16, 16, "7990.00"]);
  deepEqual(on.stored, off.stored);
  const lines = (on.stored.charges as { file_name: string; line_no: number }[])
    .map((c) => `${c.file_name.replace(/.*\//, "")}:${c.line_no}`);
  equal(lines[0], "aws_2025-01.csv:2");
  equal(lines[7], "aws_2025-01.csv:9");
  equal(lines[8], "aws_copy.csv:2");
});

Deno.test("parse worker: row errors refuse the delivery with the same lines and columns, nothing stored", async () => {
  const text = [
    "BillingPeriodStart,BilledCost,ServiceName",
    "2025-01-01,5.00,A",
    "2025-01-01,five,B",
    "2025-01-01,7.00,C",
    "not-a-date,7.00,D",
  ].join("\n") + "\n";
  const [on, off] = await bothWays(async (dir) => [
    await writeFile(dir, "bad.csv", text).then(() => "bad.csv"),
    "-s",
    "hpc",
  ]);
  equal(on.r.code, 1);
  equal(on.r.stderr, off.r.stderr);
  match(on.r.stderr, /bad\.csv:3: column BilledCost: 'five' is not a number/);
  equal(on.stored.charges.length, 0);
});

Deno.test("parse worker: an error raised while reading (a NUL byte) is the same user error", async () => {
  const text = "BillingPeriodStart,BilledCost,ServiceName\n2025-01-01,5.00,A\u0000B\n";
  const [on, off] = await bothWays(async (dir) => [
    await writeFile(dir, "nul.csv", text).then(() => "nul.csv"),
    "-s",
    "hpc",
  ]);
  equal(on.r.code, 1);
  equal(on.r.stderr, off.r.stderr);
  match(on.r.stderr, /nul\.csv:2/);
  equal(on.stored.charges.length, 0);
});

Deno.test("parse worker: 3,500 generated rows in four batches (texts numbered across batches, repeated rows) stored identically", async () => {
  const [on, off] = await bothWays(async (dir) => {
    await writeFocusCsv(`${dir}/bench_2025-01.csv`, { rows: 3500, period: "2025-01", seed: 7 });
    return ["bench_2025-01.csv", "-s", "aws", "--json"];
  });
  equal(on.r.code, 0, on.r.stderr);
  deepEqual(on.r.json(), off.r.json());
  const s = on.r.json<IngestJson>();
  equal(s.rows, 3500);
  equal(on.stored.charges.length, 3500);
  // the generator repeats 0.1 % of rows exactly: those are occurrence 2
  const repeats = (on.stored.charges as { occurrence: number }[]).filter((c) => c.occurrence > 1);
  equal(repeats.length > 0, true);
  deepEqual(on.stored, off.stored);
});
