/**
 * NordicHPC/slurm2sql's test-data1.csv: pipe-delimited with a header (51
 * columns), steps, AllocTRES empty on every row, local times in
 * Europe/Helsinki (its test.py sets TZ=Europe/Helsinki), no Cluster column.
 */

import { deepEqual, equal } from "node:assert/strict";
import { convertFixture, usageSeconds } from "./slurm_kit.ts";

const NAME = "slurm2sql_test-data1.csv";

Deno.test("conformance slurm2sql: --tz decides the month split of 43974388; the split adds up to Elapsed", async () => {
  // 43974388: 2 CPUs (NCPUS: AllocTRES is empty, so it falls back and is flagged), Start
  // 2019-07-31T22:29:14, End 2019-08-01T02:02:39, Elapsed 03:33:25 (12,805 s).
  // - read in Europe/Helsinki (EEST, UTC+3): 19:29:14Z -> 23:02:39Z, all in July (periods are UTC);
  // - read as UTC: 5,446 s in July and 7,359 s in August (SOURCES.md's table).
  // 43977780: 1 CPU, Start 2019-08-01T00:35:27, End Unknown, Elapsed 17 s: billed to the capture
  // time Start + 17 s (Helsinki: 2019-07-31T21:35:44Z, July; UTC: August).
  const hel = await convertFixture(NAME, "2019-07", { cluster: "triton", tz: "Europe/Helsinki" });
  equal(usageSeconds(hel.report, "cpu"), 12_805n * 2n + 17n);
  deepEqual(hel.report.running, { jobs: 1, captureTime: "2019-07-31T21:35:44Z" });
  equal(hel.report.stepsDropped, 3);
  deepEqual(hel.report.fallbackToNcpus, { jobs: 2, examples: ["43974388", "43977780"] });
  const utcJuly = await convertFixture(NAME, "2019-07", { cluster: "triton", tz: "UTC" });
  const utcAug = await convertFixture(NAME, "2019-08", { cluster: "triton", tz: "UTC" });
  equal(usageSeconds(utcJuly.report, "cpu"), 5_446n * 2n);
  equal(usageSeconds(utcAug.report, "cpu"), 7_359n * 2n + 17n);
  equal(5_446 + 7_359, 12_805); // the split adds up to Elapsed
  equal(hel.report.conservation.holds, true);
});
