/**
 * The lean stage of a redelivery (charges_write_repo.ts): rows the source already stores are
 * staged by their key only, and a row that still turns out new (an identical row repeated
 * more often than before) takes its stored twin's content with its own file and line. The
 * result must be exactly what a first import of the same file stores, on both read paths
 * (blocking reads in one transaction, and the streamed stage).
 */

import { deepEqual, equal } from "node:assert/strict";
import { gzipSync } from "node:zlib";
import type { AppContext } from "../src/app_context.ts";
import { loadConfig } from "../src/config/mod.ts";
import { fileFromBytes, ingestDelivery, type IngestFile } from "../src/ingest/mod.ts";
import { chargeRollupDrift, type Database, openDatabase } from "../src/storage/mod.ts";
import { tempWorkspace } from "./cli_harness.ts";

const HEADER = "BillingPeriodStart,BilledCost,ListCost,ResourceId,Tags";
const tags = (fund: string) =>
  `"{""pi_email"":""pi@example.edu"",""project_id"":""p1"",""fund_org"":""${fund}""}"`;
const row = (cost: string, id: string, fund = "F-1") =>
  `2025-01-01,${cost},${cost},${id},${tags(fund)}`;
const enc = (s: string) => new TextEncoder().encode(s + "\n");

function streamed(name: string, bytes: Uint8Array): IngestFile {
  const f = fileFromBytes(name, gzipSync(bytes));
  return { name: `${name}.gz`, open: f.open };
}

async function withDatabases(fn: (make: () => AppContext) => Promise<void>) {
  const ws = await tempWorkspace("oc-lean-");
  const opened: Database[] = [];
  let n = 0;
  try {
    await fn(() => {
      const path = `${ws.dir}/db${++n}.sqlite`;
      Deno.writeTextFileSync(`${ws.dir}/c${n}.yaml`, `database:\n  path: ${path}\n`);
      const { config } = loadConfig(`${ws.dir}/c${n}.yaml`, () => undefined);
      const db = openDatabase(path);
      opened.push(db);
      return { config, configPath: null, db, actor: "test", now: () => new Date("2025-02-05") };
    });
  } finally {
    for (const db of opened) db.close();
    await ws.cleanup();
  }
}

/** Every stored charge's content (no ids), in identity order. */
function charges(db: Database): Record<string, unknown>[] {
  const cols = db.all<{ name: string }>("SELECT name FROM pragma_table_info('charge_values')")
    .map((c) => c.name).filter((c) => !["id", "import_id", "source_id"].includes(c));
  return db.all(
    `SELECT ${cols.join(", ")} FROM charge_values ORDER BY period, fingerprint, occurrence`,
  );
}

Deno.test("lean redelivery: the same charges as a first import of the file, repeats included", async () => {
  await withDatabases(async (make) => {
    const first = [HEADER, row("1.00", "a"), row("2.00", "b"), row("2.00", "b")].join("\n");
    // b three times now (one more than stored), c new, a changed, on other lines
    const second = [
      HEADER,
      row("2.00", "b"),
      row("3.00", "c"),
      row("2.00", "b"),
      row("1.50", "a"),
      row("2.00", "b"),
    ].join("\n");
    for (const path of ["blocking", "streamed"] as const) {
      const file = (name: string, text: string) =>
        path === "blocking" ? fileFromBytes(name, enc(text)) : streamed(name, enc(text));
      const redelivered = make();
      await ingestDelivery(redelivered, {
        newSource: true,
        files: [file("jan.csv", first)],
        source: "aws",
      });
      const r = await ingestDelivery(redelivered, {
        newSource: true,
        files: [file("jan2.csv", second)],
        source: "aws",
      });
      deepEqual([r.rows, r.added, r.removed, r.unchanged], [5, 3, 1, 2], path);
      equal(r.billedCost, "10.50");
      const fresh = make();
      await ingestDelivery(fresh, {
        newSource: true,
        files: [file("jan2.csv", second)],
        source: "aws",
      });
      const got = charges(redelivered.db);
      const want = charges(fresh.db);
      // the two stored b rows keep their first file and lines; everything else is as fresh
      const kept = (rows: Record<string, unknown>[]) =>
        rows.map((c) => ({ ...c, file_name: null, line_no: null }));
      deepEqual(kept(got), kept(want), path);
      const b3 = got.find((c) => c.resource_id === "b" && c.occurrence === 3)!;
      deepEqual([b3.file_name, b3.line_no, b3.billed_cost], [
        file("jan2.csv", "").name,
        6,
        2_000_000,
      ]);
      deepEqual(chargeRollupDrift(redelivered.db), { stored: [], computed: [] });
    }
  });
});
