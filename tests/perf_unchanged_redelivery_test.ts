/**
 * The unchanged-redelivery shortcut (src/ingest/unchanged_delivery.ts): the
 * same bytes with the same settings are `unchanged` with the same summary as
 * a full read, and every change since (charges deleted, other rules, another
 * file in between, a closed period) makes the import read the file again.
 */

import { deepEqual, equal, match } from "node:assert/strict";
import { MONTH } from "./cli_harness.ts";
import { type IngestJson, ingestWorkspace } from "./ingest_helpers.ts";

const AWS = `${MONTH}aws_2025-01.csv`;
const AZURE = `${MONTH}azure_2025-01.csv`;

interface Summary extends IngestJson {
  currencies: { currency: string; rows: number; billedCost: string; listCost: string }[];
}

const recheckOf = (details: string) => JSON.parse(details).recheck;

Deno.test("shortcut: same file again is unchanged with the full summary, audited with its recheck", async () => {
  const ws = await ingestWorkspace();
  try {
    const first = (await ws.ingest([AWS, "-s", "aws", "--json"])).json<Summary>();
    equal(first.added, 8);
    const again = (await ws.ingest([AWS, "-s", "AWS", "--json"])).json<Summary>();
    deepEqual(
      { ...again, importId: 0 },
      { ...first, importId: 0, status: "unchanged", added: 0, unchanged: 8 },
    );
    equal(again.billedCost, "3995.00");
    equal(again.listCost, "4700.00");
    const audits = ws.query<{ details: string }>(
      "SELECT details FROM audit_log WHERE action = 'import' ORDER BY id",
    );
    equal(audits.length, 2);
    const r1 = recheckOf(audits[0].details);
    deepEqual(recheckOf(audits[1].details), r1);
    equal(r1.charges.count, 8);
    equal(r1.totals.rows, 8);
    equal(r1.sha256.length, 1);
    const imports = ws.query<{ status: string; rows: number; unchanged: number; files: string }>(
      "SELECT status, rows, unchanged, files FROM imports ORDER BY id",
    );
    deepEqual(imports.map((i) => [i.status, i.rows, i.unchanged]), [
      ["imported", 8, 0],
      ["unchanged", 8, 8],
    ]);
    deepEqual(JSON.parse(imports[1].files), JSON.parse(imports[0].files));
    // a third delivery of the same bytes still takes the shortcut from the second
    const third = (await ws.ingest([AWS, "-s", "aws", "--json"])).json<Summary>();
    equal(third.status, "unchanged");
  } finally {
    await ws.cleanup();
  }
});

Deno.test("shortcut: a charge deleted since makes the same file a real import again", async () => {
  const ws = await ingestWorkspace();
  try {
    await ws.ingest([AWS, "-s", "aws", "--json"]);
    ws.exec("DELETE FROM charges WHERE id = (SELECT min(id) FROM charges)");
    const s = (await ws.ingest([AWS, "-s", "aws", "--json"])).json<Summary>();
    deepEqual([s.status, s.added, s.removed, s.unchanged], ["imported", 1, 0, 7]);
    equal(ws.query("SELECT id FROM charges").length, 8);
  } finally {
    await ws.cleanup();
  }
});

Deno.test("shortcut: other settings, another delivery in between, or a closed period are not skipped", async () => {
  const ws = await ingestWorkspace();
  try {
    await ws.ingest([AWS, "-s", "aws", "--json"]);
    // -p is part of the settings: rows are read again (and nothing is flagged for 2025-01)
    const p = (await ws.ingest([AWS, "-s", "aws", "-p", "2025-01", "--json"])).json<Summary>();
    deepEqual([p.status, p.unchanged], ["unchanged", 8]);
    const audits = ws.query<{ details: string }>(
      "SELECT details FROM audit_log WHERE action = 'import' ORDER BY id",
    );
    equal(audits.length, 2);
    const [k1, k2] = audits.map((a) => recheckOf(a.details).key);
    equal(k1 === k2, false);
    // another file of the source in between: the first file replaces it again
    const az = (await ws.ingest([AZURE, "-s", "aws", "--json"])).json<Summary>();
    equal(az.status, "imported");
    const back = (await ws.ingest([AWS, "-s", "aws", "--json"])).json<Summary>();
    deepEqual([back.status, back.added], ["imported", 8]);
    // a closed period refuses even an unchanged delivery
    ws.exec("UPDATE periods SET status = 'closed' WHERE period = '2025-01'");
    const closed = await ws.ingest([AWS, "-s", "aws", "--json"]);
    equal(closed.code, 1);
    match(closed.stderr, /period 2025-01 \(closed\) is not open/);
  } finally {
    await ws.cleanup();
  }
});
