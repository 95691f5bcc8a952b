/**
 * Issue 19, item 3: `imports list` and `imports revert ID --note` remove exactly
 * a delivery's charges and bring back what it replaced, in one audited
 * transaction; open periods only, newest first; statements issued for the
 * period are marked stale; the charge rollups stay equal to the charges.
 */

import { deepEqual, equal, match } from "node:assert/strict";
import { type IngestJson, ingestWorkspace, writeFile } from "./ingest_helpers.ts";
import { runCli } from "./cli_harness.ts";

const HEAD = "BillingPeriodStart,BilledCost,ListCost,BillingCurrency,ServiceName,ResourceId,Tags";
const tags = (pi: string) =>
  `"{""pi_email"":""${pi}"",""project_id"":""p1"",""fund_org"":""F-100""}"`;
// A: three rows of 2025-01 (100.00 + 20.25 + 0.50 = 120.75)
const A = [
  `2025-01-01,100.00,100.00,USD,Compute,r-1,${tags("ann@uni.edu")}`,
  `2025-01-01,20.25,20.25,USD,Storage,r-2,${tags("ann@uni.edu")}`,
  `2025-01-01,0.50,0.50,USD,Network,r-3,${tags("ann@uni.edu")}`,
];
// B replaces A: keeps r-1, drops r-2 and r-3, adds r-4 (100.00 + 7.00 = 107.00)
const B = [A[0], `2025-01-01,7.00,7.00,USD,Backup,r-4,${tags("ann@uni.edu")}`];

Deno.test("imports revert: removes the delivery's charges, restores what it replaced, audited, stale statements", async () => {
  const ws = await ingestWorkspace();
  const cli = (args: string[]) => runCli([...args, "-c", "config.yaml"], { cwd: ws.dir });
  try {
    const a = await writeFile(ws.dir, "aws_a.csv", [HEAD, ...A].join("\n") + "\n");
    const b = await writeFile(ws.dir, "aws_b.csv", [HEAD, ...B].join("\n") + "\n");
    const first = (await ws.ingest([a, "-s", "aws", "--json"])).json<IngestJson>();
    deepEqual([first.importId, first.added], [1, 3]);
    const before = charges(ws);
    equal(sum(before), 120_750_000);
    const gen = await cli(["generate", "-p", "2025-01", "--json"]);
    equal(gen.code, 0, gen.stderr);
    const second = (await ws.ingest([b, "-s", "aws", "--json"])).json<IngestJson>();
    deepEqual([second.importId, second.added, second.removed, second.unchanged], [2, 1, 2, 1]);
    equal(sum(charges(ws)), 107_000_000);

    const list = await cli(["imports", "list", "--json"]);
    equal(list.code, 0, list.stderr);
    deepEqual(
      list.json<{ id: number; status: string; added: number; removed: number }[]>()
        .map((i) => [i.id, i.status, i.added, i.removed]),
      [[2, "imported", 1, 2], [1, "imported", 3, 0]],
    );

    // newest first: the first delivery cannot be reverted under the second
    const older = await cli(["imports", "revert", "1", "--note", "x"]);
    equal(older.code, 1);
    equal(
      older.stderr,
      "error: import 1 cannot be reverted while a later delivery of the same source changed " +
        "2025-01: import 2. Revert the newest first: openchargeback imports revert 2 --note '...'.\n",
    );
    const noNote = await cli(["imports", "revert", "2"]);
    equal(noNote.code, 2);

    const r = await cli(["imports", "revert", "2", "--note", "wrong file", "--json"]);
    equal(r.code, 0, r.stderr);
    deepEqual(r.json(), {
      importId: 2,
      periods: ["2025-01"],
      removed: {
        charges: 1,
        billedCost: "7.00",
        totals: [{ currency: "USD", billedCost: "7.00" }],
      },
      restored: {
        charges: 2,
        billedCost: "20.75",
        totals: [{ currency: "USD", billedCost: "20.75" }],
      },
      staleStatements: 1,
      note: "wrong file",
      at: "2025-02-03T10:00:00.000Z",
    });
    // exactly the first delivery's charges again, same ids, same figures
    deepEqual(charges(ws), before);
    assertRollups(ws);
    deepEqual(
      ws.query<{ status: string; revert_note: string }>(
        "SELECT status, revert_note FROM imports WHERE id = 2",
      ),
      [{ status: "reverted", revert_note: "wrong file" }],
    );
    equal(ws.query("SELECT * FROM replaced_charges").length, 0);
    equal(ws.query("SELECT * FROM statements WHERE stale_at IS NOT NULL").length, 1);
    const audit = ws.query<{ action: string; entity_id: string; details: string }>(
      "SELECT action, entity_id, details FROM audit_log WHERE action = 'import.revert'",
    );
    equal(audit.length, 1);
    equal(audit[0].entity_id, "2");
    const d = JSON.parse(audit[0].details);
    deepEqual([d.removed, d.restored, d.note], [1, 2, "wrong file"]);

    const again = await cli(["imports", "revert", "2", "--note", "x"]);
    equal(again.code, 1);
    match(again.stderr, /^error: import 2 is already reverted\./);

    const human = await cli(["imports", "list"]);
    match(human.stdout, /^ID +SOURCE +PERIODS +ROWS +ADDED +REMOVED +BILLED +STATUS +WHEN\n/);
    match(human.stdout, /\n +2 +aws +2025-01 +2 +1 +2 +107\.00 +reverted /);

    // closed period: refused; open again: the first delivery reverts to nothing
    equal((await cli(["periods", "close", "2025-01"])).code, 0);
    const closed = await cli(["imports", "revert", "1", "--note", "x"]);
    equal(closed.code, 1);
    match(
      closed.stderr,
      /^error: revert of import 1 refused: period 2025-01 \(closed\) is not open\./,
    );
    equal((await cli(["periods", "reopen", "2025-01", "--reason", "undo"])).code, 0);
    const all = await cli(["imports", "revert", "1", "--note", "start over"]);
    equal(all.code, 0, all.stderr);
    equal(
      all.stdout,
      "reverted import 1 (2025-01): 3 charges removed (120.75 USD), 0 charges restored (0.00).\n",
    );
    equal(charges(ws).length, 0);
    assertRollups(ws);
    // importing the same file again after a revert is a full import, not "unchanged"
    const re = (await ws.ingest([a, "-s", "aws", "--json"])).json<IngestJson>();
    deepEqual([re.status, re.added], ["imported", 3]);
  } finally {
    await ws.cleanup();
  }
});

type Ws = Awaited<ReturnType<typeof ingestWorkspace>>;

function charges(ws: Ws) {
  return ws.query<{ id: number; resource_id: string; billed_cost: number; import_id: number }>(
    "SELECT id, resource_id, billed_cost, import_id FROM charges ORDER BY id",
  );
}

function sum(rows: { billed_cost: number }[]): number {
  return rows.reduce((t, r) => t + r.billed_cost, 0);
}

/** The rollups hold exactly the sums of the charges (migration 0006's triggers). */
function assertRollups(ws: Ws) {
  const fromCharges = ws.query<{ n: number; b: number }>(
    "SELECT count(*) AS n, coalesce(sum(billed_cost), 0) AS b FROM charges",
  )[0];
  const fromRollups = ws.query<{ n: number; b: number }>(
    "SELECT coalesce(sum(charges), 0) AS n, coalesce(sum(billed_cost), 0) AS b FROM charge_rollups",
  )[0];
  deepEqual(fromRollups, fromCharges);
}
