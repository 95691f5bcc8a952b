import { deepEqual, equal, match } from "node:assert/strict";
import { MONTH } from "./cli_harness.ts";
import { type IngestJson, ingestWorkspace, writeFile } from "./ingest_helpers.ts";

const AWS = `${MONTH}aws_2025-01.csv`;

Deno.test("redelivery: same file unchanged; one changed row is 1 added 1 removed, others keep ids and reviews", async () => {
  const ws = await ingestWorkspace();
  try {
    const first = (await ws.ingest([AWS, "-s", "aws", "--json"])).json<IngestJson>();
    equal(first.added, 8);
    const ids = () =>
      ws.query<{ id: number; resource_id: string; review_status: string }>(
        "SELECT id, resource_id, review_status FROM charges ORDER BY id",
      );
    const before = ids();
    ws.exec("UPDATE charges SET review_status = 'approved' WHERE id = ?", before[1].id);

    const again = await ws.ingest([AWS, "-s", "AWS", "--json"]);
    equal(again.code, 0);
    const s = again.json<IngestJson>();
    deepEqual([s.status, s.added, s.removed, s.unchanged], ["unchanged", 0, 0, 8]);
    equal(ws.query("SELECT * FROM sources").length, 1); // AWS is aws
    const human = await ws.ingest([AWS, "-s", "aws"]);
    match(human.stdout, /unchanged: the source already holds exactly these rows/);

    // change the billed cost of the first data row
    const lines = (await Deno.readTextFile(AWS)).split("\n");
    lines[1] = lines[1].replace("850.00,850.00,850.00", "850.00,850.01,850.00");
    const changed = await writeFile(ws.dir, "aws_changed.csv", lines.join("\n"));
    const c = (await ws.ingest([changed, "-s", "aws", "--json"])).json<IngestJson>();
    deepEqual([c.status, c.added, c.removed, c.unchanged], ["imported", 1, 1, 7]);
    equal(c.billedCost, "3995.01");
    const after = ids();
    equal(after.length, 8);
    // every unchanged row keeps its id; the approval survived
    deepEqual(after.slice(0, 7).map((r) => r.id), before.slice(1).map((r) => r.id));
    equal(after[0].review_status, "approved");
    equal(after[7].resource_id, before[0].resource_id);
    equal(after[7].id > before[7].id, true);

    // reordered columns and rows are still the same rows
    const rows = lines.slice(1).filter((l) => l).reverse();
    await writeFile(ws.dir, "aws_reversed.csv", [lines[0], ...rows].join("\n"));
    const rev = (await ws.ingest([`${ws.dir}/aws_reversed.csv`, "-s", "aws", "--json"])).json<
      IngestJson
    >();
    equal(rev.status, "unchanged");
  } finally {
    await ws.cleanup();
  }
});

Deno.test("redelivery: identical lines are distinct charges; --append skips rows present", async () => {
  const ws = await ingestWorkspace();
  try {
    const head = "BillingPeriodStart,BilledCost,ServiceName";
    const p1 = await writeFile(ws.dir, "p1.csv", `${head}\n2025-01-01,5,A\n2025-01-01,5,A\n`);
    const p2 = await writeFile(ws.dir, "p2.csv", `${head}\n2025-01-01,5,A\n2025-01-01,7,B\n`);
    const a = (await ws.ingest([p1, "-s", "hpc", "--json"])).json<IngestJson>();
    deepEqual([a.added, a.billedCost], [2, "10.00"]);
    deepEqual(
      ws.query<{ occurrence: number }>("SELECT occurrence FROM charges ORDER BY id").map((r) =>
        r.occurrence
      ),
      [1, 2],
    );
    const b = (await ws.ingest([p2, "-s", "hpc", "--append", "--json"])).json<IngestJson>();
    deepEqual([b.status, b.added, b.removed, b.unchanged], ["imported", 1, 0, 1]);
    equal(ws.query("SELECT * FROM charges").length, 3);
    // replace: the period becomes exactly p2
    const c = (await ws.ingest([p2, "-s", "hpc", "--json"])).json<IngestJson>();
    deepEqual([c.added, c.removed, c.unchanged], [0, 1, 2]);
    equal(ws.query("SELECT * FROM charges").length, 2);
    // a header-only delivery covers no period and removes nothing
    const empty = await writeFile(ws.dir, "empty.csv", `${head}\n`);
    const e = (await ws.ingest([empty, "-s", "hpc", "--json"])).json<IngestJson>();
    deepEqual([e.status, e.rows, e.removed, e.periods.length], ["empty", 0, 0, 0]);
    equal(ws.query("SELECT * FROM charges").length, 2);
    // it says so, never "unchanged"
    const said = await ws.ingest([empty, "-s", "hpc"]);
    equal(said.code, 0, said.stderr);
    match(
      said.stdout,
      /^hpc: 0 rows: nothing to replace; use --replace-empty to clear the source's period\n/,
    );
    equal(said.stdout.includes("unchanged:"), false);
    // --replace-empty needs the period, then clears the source's charges of it (revertable)
    const noPeriod = await ws.ingest([empty, "-s", "hpc", "--replace-empty"]);
    equal(noPeriod.code, 1);
    match(
      noPeriod.stderr,
      /^error: --replace-empty needs the period to clear\. Give it with -p YYYY-MM\.\n$/,
    );
    const cleared =
      (await ws.ingest([empty, "-s", "hpc", "-p", "2025-01", "--replace-empty", "--json"]))
        .json<IngestJson>();
    deepEqual([cleared.status, cleared.rows, cleared.removed, cleared.periods], [
      "imported",
      0,
      2,
      ["2025-01"],
    ]);
    equal(ws.query("SELECT * FROM charges").length, 0);
    equal(
      ws.query("SELECT * FROM replaced_charges WHERE replaced_by = ?", cleared.importId!).length,
      2,
      "kept for imports revert",
    );
  } finally {
    await ws.cleanup();
  }
});

Deno.test("ingest: locked periods refuse the delivery; --dry-run writes nothing; -p flags", async () => {
  const ws = await ingestWorkspace();
  try {
    const dry = await ws.ingest([AWS, "-s", "aws", "--dry-run", "--json"]);
    equal(dry.code, 0, dry.stderr);
    const d = dry.json<IngestJson>();
    deepEqual(Object.keys(d).slice(0, 13), [
      "source",
      "files",
      "focusVersion",
      "periods",
      "rows",
      "added",
      "removed",
      "unchanged",
      "flagged",
      "billedCost",
      "listCost",
      "status",
      "dryRun",
    ]);
    deepEqual([d.status, d.dryRun, d.added, d.importId], ["dry-run", true, 8, null]);
    for (const t of ["charges", "imports", "sources", "periods", "audit_log"]) {
      equal(ws.query(`SELECT * FROM ${t}`).length, 0, t);
    }

    const p = (await ws.ingest([AWS, "-s", "aws", "-p", "2025-02", "--json"])).json<IngestJson>();
    equal(p.flagged, 8);
    const [f] = ws.query<{ flags: string; review_status: string }>(
      "SELECT flags, review_status FROM charges LIMIT 1",
    );
    deepEqual([JSON.parse(f.flags), f.review_status], [["period_mismatch"], "pending"]);

    ws.exec("UPDATE periods SET status = 'finalized' WHERE period = '2025-01'");
    for (const extra of [[], ["--dry-run"], ["--append"]]) {
      const r = await ws.ingest([`${MONTH}azure_2025-01.csv`, "-s", "azure", ...extra]);
      equal(r.code, 1);
      match(r.stderr, /import of azure refused: period 2025-01 \(finalized\) is not open/);
    }
    equal(ws.query("SELECT * FROM sources WHERE name = 'azure'").length, 0);
    equal(ws.query("SELECT * FROM charges").length, 8);
  } finally {
    await ws.cleanup();
  }
});
