/**
 * XDMoD's shredder inputs (ubccr/xdmod, tests/artifacts/.../slurm/input): no
 * header, 26 fields in XDMoD's documented --format order (the converter's
 * default --columns), times in UTC (XDMoD requires TZ=UTC sacct).
 */

import { deepEqual, equal } from "node:assert/strict";
import { convertFixture, quantityMicros, SLURM, usageSeconds } from "./slurm_kit.ts";
import { parseTres } from "../../src/metering/sacct_fields.ts";

Deno.test("conformance xdmod_accounting-logs: the three June/July jobs split exactly at the month end", async () => {
  // By hand from the log lines (SOURCES.md's table agrees):
  // 4103947 256 CPUs 2015-06-28T02:55:50 -> 07-01T02:55:50: 248,650 s June, 10,550 s July (= 3-00:00:00)
  // 4107166  36 CPUs 2015-06-28T15:14:49 -> 07-01T13:17:53: 204,311 s June, 47,873 s July (= 2-22:03:04)
  // 4107219  48 CPUs 2015-06-30T12:04:04 -> 07-01T02:04:53:  42,956 s June,  7,493 s July (= 14:00:49)
  // 5692623 (Partition empty, gres/gpu=2, 0 s, 2016-08) is in neither month.
  const june = await convertFixture("xdmod_accounting-logs.log", "2015-06");
  const july = await convertFixture("xdmod_accounting-logs.log", "2015-07");
  const juneS = 248_650n * 256n + 204_311n * 36n + 42_956n * 48n;
  const julyS = 10_550n * 256n + 47_873n * 36n + 7_493n * 48n;
  equal(usageSeconds(june.report, "cpu"), juneS); // 73,071,484 CPU-seconds
  equal(usageSeconds(july.report, "cpu"), julyS); // 4,783,892
  // the two months add up exactly to Elapsed x NCPUS of each job
  equal(juneS + julyS, 259_200n * 256n + 252_184n * 36n + 50_449n * 48n);
  // one row per (account, user): anon/unknown = 4103947, anonacct/anonuser = 4107219, dspumpkins/hanx = 4107166
  const q = (rows: typeof june.rows) => rows.map((r) => [r.SubAccountId, r.PricingQuantity]);
  deepEqual(q(june.rows), [["anon", "17681.777778"], ["anonacct", "572.746667"], [
    "dspumpkins",
    "2043.11",
  ]]);
  deepEqual(q(july.rows), [["anon", "750.222222"], ["anonacct", "99.906667"], [
    "dspumpkins",
    "478.73",
  ]]);
  // NNodes (32, 3, 4) is never a factor: 4103947 is 256 x 248,650 / 3600, not x 32 again
  equal(june.rows[0].ResourceId, "ub-hpc/anon/general-compute");
  equal(june.report.conservation.holds, true);
  equal(july.report.conservation.holds, true);
  deepEqual(june.report.jobs, { read: 4, billed: 3, skipped: { "outside the period": 1 } });
  // 5692623 (2016-08): Start = End, a 0 s job with gres/gpu=2 on an empty partition
  const aug = await convertFixture("xdmod_accounting-logs.log", "2016-08");
  equal(aug.report.jobs.billed, 1);
  equal(quantityMicros(aug.rows, "gpu"), 0n);
});

Deno.test("conformance xdmod_accounting-logs-with-job-arrays: ranges expand, overlapping tasks count once, NCPUS fallback flagged", async () => {
  // Six rows of job 4103947 (256 CPUs, same Start, AllocTRES empty) whose JobIDs name
  // [100], [1-3], [1,5], [9-11,20], [91,100-102], [9-11,13,16-20]: 23 task ids that XDMoD expects,
  // of which 17 are distinct (1,2,3,5,9,10,11,13,16,17,18,19,20,91,100,101,102): a task named twice
  // with the same Start is the same run (the requeue rule), so it is billed once.
  const { rows, report } = await convertFixture(
    "xdmod_accounting-logs-with-job-arrays.log",
    "2015-06",
  );
  equal(report.jobs.read, 23);
  equal(report.jobs.billed, 17);
  equal(report.jobs.skipped["duplicate record (requeue or --duplicates): counted once"], 6);
  equal(report.fallbackToNcpus.jobs, 17); // AllocTRES is empty: NCPUS 256 is billed, and flagged
  equal(usageSeconds(report, "cpu"), 17n * 248_650n * 256n);
  equal(rows[0].x_JobCount, "17");
  const july = await convertFixture("xdmod_accounting-logs-with-job-arrays.log", "2015-07");
  equal(usageSeconds(july.report, "cpu"), 17n * 10_550n * 256n);
});

Deno.test("conformance xdmod_non-ended-job-state: a RUNNING job is billed to Start + Elapsed; PENDING is skipped", async () => {
  // 3451067 RUNNING, 12 CPUs, Start = End = 2020-06-30T19:24:08, Elapsed 22:32:22 (81,142 s):
  // Elapsed is the truth: billed to 2020-07-01T17:56:30 (the capture time), 16,552 s in June
  // and 64,590 s in July. (XDMoD skips non-ended jobs; a chargeback bills the time used.)
  // 3483276 PENDING, Start Unknown: skipped.
  const june = await convertFixture("xdmod_non-ended-job-state.log", "2020-06");
  const july = await convertFixture("xdmod_non-ended-job-state.log", "2020-07");
  equal(usageSeconds(june.report, "cpu"), 16_552n * 12n);
  equal(usageSeconds(july.report, "cpu"), 64_590n * 12n);
  equal(16_552 + 64_590, 81_142);
  deepEqual(june.report.running, { jobs: 1, captureTime: "2020-07-01T17:56:30Z" });
  deepEqual(june.report.jobs.skipped, { "never started: PENDING": 1 });
  deepEqual([june.rows[0].PricingQuantity, june.rows[0].ListCost], ["55.173333", "1.103467"]);
});

Deno.test("conformance xdmod_unknown-job-state: states FOO and BAR are skipped and counted by reason", async () => {
  const { rows, report } = await convertFixture("xdmod_unknown-job-state.log", "2020-06");
  equal(rows.length, 0);
  deepEqual(report.jobs.skipped, { "unknown state BAR": 1, "unknown state FOO": 1 });
});

Deno.test("conformance xdmod_utf8-multibyte-chars: a UTF-8 job name is read; 8 CPUs split at the month end", async () => {
  // 4103947 with 8 CPUs: 248,650 s in June (552.555556 core-hours), 10,550 s in July (23.444444)
  const june = await convertFixture("xdmod_utf8-multibyte-chars.log", "2015-06");
  const july = await convertFixture("xdmod_utf8-multibyte-chars.log", "2015-07");
  equal(june.rows[0].PricingQuantity, "552.555556");
  equal(july.rows[0].PricingQuantity, "23.444444");
  equal(usageSeconds(june.report, "cpu") + usageSeconds(july.report, "cpu"), 259_200n * 8n);
});

Deno.test("conformance xdmod_alloc-tres-gpu-count: GPU counts of AllocTRES match XDMoD's", async () => {
  const cases = JSON.parse(await Deno.readTextFile(`${SLURM}xdmod_alloc-tres-gpu-count.json`)) as [
    string,
    number,
  ][];
  equal(cases.length, 9);
  for (const [tres, gpus] of cases) equal(parseTres(tres)?.gpus, gpus, tres);
});
