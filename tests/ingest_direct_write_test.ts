/**
 * The one-transaction path of ingest (files read with blocking reads): rows of
 * periods the source holds nothing in go straight into `charges`, the others
 * through the stage. Checked against the streamed path (the same bytes,
 * gzipped), on a real database.
 */

import { deepEqual, equal, rejects } from "node:assert/strict";
import { gzipSync } from "node:zlib";
import type { AppContext } from "../src/app_context.ts";
import { loadConfig } from "../src/config/mod.ts";
import { UserError } from "../src/domain/errors.ts";
import { fileFromBytes, ingestDelivery, type IngestFile } from "../src/ingest/mod.ts";
import {
  chargeRollupDrift,
  type Database,
  DirectChargeWriter,
  ensurePeriod,
  openDatabase,
  RepeatFinder,
} from "../src/storage/mod.ts";
import { tempWorkspace, write04Config } from "./cli_harness.ts";

const HEADER = "BillingPeriodStart,BilledCost,ResourceId,Tags";
const TAGS = '"{""pi_email"":""pi@example.edu"",""project_id"":""p1"",""fund_org"":""F-1""}"';
const row = (period: string, cost: string, id: string) => `${period}-01,${cost},${id},${TAGS}`;
const enc = (s: string) => new TextEncoder().encode(s);

/** A streamed-only file (no blocking reads): the staged path. */
function streamed(name: string, bytes: Uint8Array): IngestFile {
  const f = fileFromBytes(name, bytes);
  return { name, open: f.open };
}

async function withContext(fn: (ctx: AppContext, db: Database) => Promise<void>) {
  const ws = await tempWorkspace("oc-direct-");
  const configPath = await write04Config(ws.dir);
  const { config } = loadConfig(configPath, () => undefined);
  const db = openDatabase(config.database.path);
  try {
    await fn(
      { config, configPath, db, actor: "test", now: () => new Date("2025-03-05T10:00:00Z") },
      db,
    );
  } finally {
    db.close();
    await ws.cleanup();
  }
}

const chargesOf = (db: Database, source: string) =>
  db.all<Record<string, unknown>>(
    `SELECT period, fingerprint, occurrence, line_no, billed_cost, review_status, flags
     FROM charges WHERE source_id = (SELECT id FROM sources WHERE name = ?) ORDER BY id`,
    source,
  );

Deno.test("direct write: identical rows numbered 1, 2, 3; same charges as the streamed path", async () => {
  await withContext(async (ctx, db) => {
    const text = [
      HEADER,
      row("2025-01", "1.50", "a"),
      row("2025-01", "2.00", "dup"),
      row("2025-02", "3.00", "b"),
      row("2025-01", "2.00", "dup"),
      row("2025-01", "2.00", "dup"),
      "2025-02-01,4.25,c,",
    ].join("\n") + "\n";
    const direct = await ingestDelivery(ctx, {
      newSource: true,
      files: [fileFromBytes("d.csv", enc(text))],
      source: "direct",
    });
    const staged = await ingestDelivery(ctx, {
      newSource: true,
      files: [streamed("d.csv", gzipSync(enc(text)))],
      source: "staged",
    });
    for (const s of [direct, staged]) {
      deepEqual([s.rows, s.added, s.removed, s.unchanged, s.flagged], [6, 6, 0, 0, 1]);
      deepEqual([s.periods, s.billedCost, s.status], [["2025-01", "2025-02"], "14.75", "imported"]);
    }
    const rows = chargesOf(db, "direct");
    deepEqual(rows, chargesOf(db, "staged"));
    deepEqual(rows.map((r) => [r.line_no, r.occurrence]), [[2, 1], [3, 1], [4, 1], [5, 2], [6, 3], [
      7,
      1,
    ]]);
    equal(rows[5].review_status, "pending");
    // the rollups summed in memory by the direct writer equal a GROUP BY of the charges
    deepEqual(chargeRollupDrift(db), { stored: [], computed: [] });
    equal(
      db.get<{ n: number }>("SELECT count(*) AS n FROM charge_rollups WHERE charges > 0")?.n,
      6, // per source: 2025-01 billable, 2025-02 billable, 2025-02 pending (no attribution)
    );
    // the same file again: the shortcut; the gzip copy: read and found unchanged
    equal(
      (await ingestDelivery(ctx, {
        newSource: true,
        files: [fileFromBytes("d.csv", enc(text))],
        source: "direct",
      }))
        .status,
      "unchanged",
    );
    equal(
      (await ingestDelivery(ctx, {
        newSource: true,
        files: [fileFromBytes("d.csv.gz", gzipSync(enc(text)))],
        source: "direct",
      })).status,
      "unchanged",
    );
  });
});

Deno.test("direct write: a held period is staged and compared, a new one inserted", async () => {
  await withContext(async (ctx, db) => {
    const jan = [HEADER, row("2025-01", "1.00", "a"), row("2025-01", "2.00", "b")];
    await ingestDelivery(ctx, {
      newSource: true,
      files: [fileFromBytes("jan.csv", enc(jan.join("\n")))],
      source: "s",
    });
    const ids = db.all<{ id: number }>("SELECT id FROM charges ORDER BY id").map((r) => r.id);
    const next = [
      HEADER,
      row("2025-01", "1.00", "a"),
      row("2025-01", "9.00", "b"),
      row(
        "2025-02",
        "5.00",
        "c",
      ),
    ];
    const s = await ingestDelivery(ctx, {
      newSource: true,
      files: [fileFromBytes("next.csv", enc(next.join("\n")))],
      source: "s",
    });
    deepEqual([s.rows, s.added, s.removed, s.unchanged, s.billedCost], [3, 2, 1, 1, "15.00"]);
    const after = db.all<{ id: number; period: string; billed_cost: number }>(
      "SELECT id, period, billed_cost FROM charges ORDER BY id",
    );
    equal(after[0].id, ids[0]); // the unchanged row kept its id
    deepEqual(after.map((r) => [r.period, r.billed_cost]), [["2025-01", 1_000_000], [
      "2025-02",
      5_000_000,
    ], ["2025-01", 9_000_000]]);
    const audit = JSON.parse(
      db.get<{ details: string }>(
        "SELECT details FROM audit_log WHERE action = 'import' ORDER BY id DESC",
      )!
        .details,
    );
    deepEqual(audit.periodsCreated, ["2025-02"]);
    const imp = db.get<Record<string, unknown>>("SELECT * FROM imports ORDER BY id DESC")!;
    deepEqual([imp.rows, imp.added, imp.removed, imp.unchanged, imp.billed_cost, imp.status], [
      3,
      2,
      1,
      1,
      15_000_000,
      "imported",
    ]);
  });
});

Deno.test("direct write: a bad last row refuses the delivery and stores nothing", async () => {
  await withContext(async (ctx, db) => {
    const text = [
      HEADER,
      row("2025-01", "1.00", "a"),
      row("2025-02", "2.00", "b"),
      "2025-03-01,abc,c,",
    ];
    await rejects(
      ingestDelivery(ctx, {
        newSource: true,
        files: [fileFromBytes("bad.csv", enc(text.join("\n")))],
        source: "s",
      }),
      (e: unknown) => e instanceof UserError && /bad\.csv:4: column BilledCost/.test(e.oneLine()),
    );
    for (const t of ["charges", "imports", "sources", "periods", "charge_rollups"]) {
      equal(db.get<{ n: number }>(`SELECT count(*) AS n FROM ${t}`)!.n, 0, t);
    }
    equal(db.sql.isTransaction, false);
    equal(
      db.get<{ n: number }>(
        "SELECT count(*) AS n FROM sqlite_master WHERE name = 'charges_rollup_insert'",
      )!.n,
      1,
      "the rollback restores the suspended rollup trigger",
    );
  });
});

Deno.test("direct writer without indexes: rebuilt as they were, repeats numbered", async () => {
  await withContext(async (ctx, db) => {
    const indexes = () =>
      db.all(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'charges' ORDER BY name",
      );
    const before = indexes();
    equal(before.length >= 4, true);
    await ingestDelivery(ctx, {
      newSource: true,
      files: [fileFromBytes("a.csv", enc([HEADER, row("2025-01", "1", "x")].join("\n")))],
      source: "s",
    });
    const c = db.get<Record<string, unknown>>("SELECT * FROM charges")!;
    const charge = {
      fingerprint: "",
      fileName: "f.csv",
      lineNo: 0,
      period: "2025-02",
      billingPeriodStart: "2025-02-01T00:00:00Z",
      billingPeriodEnd: null,
      chargePeriodStart: null,
      chargePeriodEnd: null,
      billedCost: 1,
      listCost: 1,
      contractedCost: 1,
      effectiveCost: 1,
      listUnitPrice: null,
      contractedUnitPrice: null,
      pricingQuantity: null,
      pricingUnit: null,
      consumedQuantity: null,
      consumedUnit: null,
      billingCurrency: "USD",
      chargeCategory: null,
      chargeClass: null,
      chargeDescription: null,
      chargeFrequency: null,
      serviceName: null,
      serviceCategory: null,
      resourceId: null,
      resourceName: null,
      resourceType: null,
      regionId: null,
      subAccountId: null,
      subAccountName: null,
      billingAccountId: null,
      providerName: null,
      publisherName: null,
      invoiceIssuerName: null,
      invoiceId: null,
      skuId: null,
      skuPriceId: null,
      tags: null,
      extra: null,
      piEmail: null,
      piName: null,
      projectId: null,
      fundOrg: null,
      costCenter: null,
      reference1: null,
      reference2: null,
      accountCode: null,
      flags: null,
      attribution: null,
    }; // deno-fmt-ignore
    db.transaction(() => {
      ensurePeriod(db, "2025-02", "2025-03-05T10:00:00Z");
      const w = new DirectChargeWriter(db, c.source_id as number, c.import_id as number, { rebuildIndexes: true });
      w.add(["fpA", "fpB", "fpA", "fpA", "fpB", "fpC"].map((fp, i) => ({ ...charge, fingerprint: fp, lineNo: i + 2 })));
      equal(indexes().length, 0);
      w.finish();
    });
    deepEqual(indexes(), before);
    deepEqual(
      db.all("SELECT fingerprint, occurrence FROM charges WHERE period = '2025-02' ORDER BY id")
        .map((r) => `${r.fingerprint}:${r.occurrence}`),
      ["fpA:1", "fpB:1", "fpA:2", "fpA:3", "fpB:2", "fpC:1"],
    );
    // the rollup trigger was suspended for the write and is back; rollups are exact
    deepEqual(chargeRollupDrift(db), { stored: [], computed: [] });
    equal(
      db.get<{ n: number }>(
        "SELECT count(*) AS n FROM sqlite_master WHERE name = 'charges_rollup_insert'",
      )!.n,
      1,
    );
  });
});

Deno.test("repeat finder: hash collisions are told apart by the stored row", () => {
  const stored = new Map<number, { fingerprint: string; period: string }>();
  const f = new RepeatFinder((id) => stored.get(id)!);
  const seq: [string, string][] = [];
  // same first 8 characters = same hash; 5,000 rows make the table grow
  for (let i = 0; i < 5000; i++) {
    seq.push([`SAMEHEAD${i % 7}`, "2025-01"], [`x${i}`, `2025-0${1 + (i % 2)}`]);
  }
  const seen = new Map<string, number>();
  let id = 100;
  for (const [fp, period] of seq) {
    const key = `${period}/${fp}`;
    const want = (seen.get(key) ?? 0) + 1;
    seen.set(key, want);
    equal(f.occurrence(fp, period), want, key);
    id++;
    if (want === 1) {
      stored.set(id, { fingerprint: fp, period });
      f.remember(id);
    }
  }
});
