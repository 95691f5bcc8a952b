import { deepEqual, equal, rejects } from "node:assert/strict";
import { defaultConfig } from "../config/mod.ts";
import { parseCsv } from "./metering_test_kit.ts";
import { parseRateCard } from "./rate_card.ts";
import { convertStorage, type StorageConvertOptions } from "./storage_convert.ts";

const CARD = parseRateCard(
  `currency: USD
skus:
  - id: storage-project
    service: Research Storage - Project
    unit: TiB-months
    measure: {storage: bytes}
    match: {filesystem: [project]}
    history: [{from: 2026-01, list: "8.00"}]
    free: "1"
  - id: storage-archive
    service: Research Storage - Archive
    unit: TB-months
    measure: {storage: bytes}
    match: {filesystem: [archive]}
    history: [{from: 2026-01, list: "2.50"}]
    subsidy: [{from: 2026-01, percent: "50"}]
`,
  "rates.yaml",
);

const TIB = 1024 ** 4;

async function convert(csv: string, opts: Partial<StorageConvertOptions> = {}) {
  const dir = await Deno.makeTempDir({ prefix: "oc_storage_" });
  try {
    await Deno.writeTextFile(`${dir}/snap.csv`, csv);
    let out = "";
    const report = await convertStorage([`${dir}/snap.csv`], {
      period: "2026-09",
      basis: "quota",
      card: CARD,
      accounts: null,
      maxGapDays: 31,
      tagMapping: defaultConfig().tag_mapping,
      ...opts,
    }, (t) => {
      out += t;
      return Promise.resolve();
    });
    return { rows: parseCsv(out), report };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const HEAD = "timestamp,key,bytes_used,bytes_quota,filesystem\n";

Deno.test("storage: each value holds until the next snapshot; TiB-months, free tier off BilledCost", async () => {
  // 2 TiB from before the month to 09-16 (15 days), then 4 TiB (15 days): 3 TiB-months
  const { rows, report } = await convert(
    HEAD + `2026-08-31T00:00:00Z,genome,0,${2 * TIB},project\n` +
      `2026-09-16T00:00:00Z,genome,0,${4 * TIB},project\n`,
  );
  equal(rows.length, 1);
  const r = rows[0];
  deepEqual(
    [r.PricingQuantity, r.PricingUnit, r.ListCost, r.BilledCost, r.ResourceId],
    ["3", "TiB-months", "24.00", "16.00", "project/genome"], // 3 x 8.00; first 1 TiB-month free
  );
  deepEqual(report.totals, {
    listCost: "24.00",
    free: "8.00",
    subsidy: "0.00",
    billedCost: "16.00",
  });
  deepEqual(report.lateKeys, []);
});

Deno.test("storage: --basis usage bills bytes_used; a TB unit uses 10^12 bytes", async () => {
  const csv = HEAD + `2026-09-01T00:00:00Z,genome,${TIB},${10 * TIB},archive\n`;
  const { rows } = await convert(csv, { basis: "usage" });
  // 1 TiB = 1.099511627776 TB for the whole month -> 1.099512 TB-months
  deepEqual(
    [rows[0].PricingQuantity, rows[0].ListCost, rows[0].BilledCost],
    ["1.099512", "2.74878", "1.37439"], // x 2.50, subsidy 50 %
  );
});

Deno.test("storage: gaps longer than --max-gap and keys first seen mid-month are reported", async () => {
  const { rows, report } = await convert(
    HEAD + `2026-09-01T00:00:00Z,a,0,${TIB},project\n` +
      `2026-09-10T00:00:00Z,a,0,${TIB},project\n` +
      `2026-09-11T00:00:00Z,b,0,${3 * TIB},project\n` +
      `2026-09-30T00:00:00Z,a,0,${TIB},project\n` +
      `2026-09-30T00:00:00Z,b,0,${3 * TIB},project\n`,
    { maxGapDays: 5 },
  );
  deepEqual(report.gaps.map((g) => [g.key, g.from, g.days]), [
    ["a", "2026-09-01T00:00:00Z", "9"],
    ["a", "2026-09-10T00:00:00Z", "20"],
    ["b", "2026-09-11T00:00:00Z", "19"],
  ]);
  deepEqual(report.lateKeys, [{ filesystem: "project", key: "b", first: "2026-09-11T00:00:00Z" }]);
  // b: 3 TiB for 20 of 30 days = 2 TiB-months; free 1 -> billed 8.00 of 16.00
  deepEqual([rows[1].PricingQuantity, rows[1].ListCost, rows[1].BilledCost], [
    "2",
    "16.00",
    "8.00",
  ]);
  // a: 1 TiB all month = 1 TiB-month, all free
  deepEqual([rows[0].PricingQuantity, rows[0].BilledCost], ["1", "0.00"]);
});

Deno.test("storage: a bad line is refused with its line number; a wrong field count refuses the file", async () => {
  const { report } = await convert(HEAD + `2026-09-01T00:00:00Z,a,0,lots,project\n`);
  deepEqual(report.refusedLines.map((l) => [l.line, l.reason]), [
    [2, "bytes_quota 'lots' is not a whole number of bytes"],
  ]);
  await rejects(
    () => convert(HEAD + `2026-09-01T00:00:00Z,a,0\n`),
    /snap\.csv:2: 3 fields where the header names 5/,
  );
});
