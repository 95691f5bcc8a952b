/**
 * The parse worker (src/ingest/read_delivery_in_worker.ts) against the
 * one-thread reader, through the real CLI: OPENCHARGEBACK_INGEST_WORKER=on
 * sends every on-disk delivery through the worker, =off (the default) none. Same charges
 * (every column), rollups, summaries and refusals either way. Here on the
 * third-party FOCUS sample; tests/ingest_parse_worker_test.ts on own files.
 */

import { deepEqual, equal } from "node:assert/strict";
import { runCli } from "../cli_harness.ts";
import { type IngestJson, ingestWorkspace } from "../ingest_helpers.ts";
import { FIXTURES, writeOc04Config } from "./fixtures.ts";

const SAMPLE = `${FIXTURES}focus-sample-data/focus_sample.csv`;

type Workspace = Awaited<ReturnType<typeof ingestWorkspace>>;

function ingestWith(ws: Workspace, worker: "on" | "off", args: string[]) {
  return runCli(["ingest", ...args, "-c", "config.yaml"], {
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
    const ws = await ingestWorkspace("", writeOc04Config);
    try {
      const r = await ingestWith(ws, worker, await args(ws.dir));
      out.push({ r, stored: stored(ws) });
    } finally {
      await ws.cleanup();
    }
  }
  return out;
}

Deno.test("parse worker: the FOCUS sample (1,000 quoted rows, NULLs, 44 columns) stored identically", async () => {
  const [on, off] = await bothWays(() => Promise.resolve([SAMPLE, "-s", "aws", "--json"]));
  equal(on.r.code, 0, on.r.stderr);
  deepEqual(on.r.json(), off.r.json());
  const s = on.r.json<IngestJson>();
  deepEqual([s.rows, s.added, s.flagged], [1000, 1000, 1000]);
  equal(on.stored.charges.length, 1000);
  deepEqual(on.stored, off.stored);
});
