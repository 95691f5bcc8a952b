/**
 * rug-cit-hpc/hb-jobinfo's sacct.txt (University of Groningen): `--parsable
 * --delimiter=☃`, so every line ends with ☃ (37 fields + an empty 38th), no
 * header (read with --columns and --delimiter ☃), no JobIDRaw, no Account and
 * no Cluster column (--cluster hb). Times are local; the DST job 7195760 shows
 * they are Europe/Amsterdam (an inference, SOURCES.md).
 */

import { deepEqual, equal, rejects } from "node:assert/strict";
import { convertFixture, HB_COLUMNS, SLURM, usageSeconds } from "./slurm_kit.ts";
import { nextPeriod } from "../../src/domain/period.ts";

const NAME = "hb-jobinfo_sacct.txt";
const HB = { cluster: "hb", columns: HB_COLUMNS, delimiter: "☃" };

Deno.test("conformance hb-jobinfo: --parsable (trailing ☃) is read with --delimiter; without it the file is refused", async () => {
  const { report } = await convertFixture(NAME, "2024-03", { ...HB, tz: "Europe/Amsterdam" });
  equal(report.refusedLineCount, 0);
  equal(report.jobs.read, 100);
  equal(report.stepsDropped, 142);
  deepEqual(
    [
      report.jobs.skipped["never started: PENDING"],
      report.jobs.skipped["never started: Start=None"],
    ],
    [7, 3], // 7 PENDING (Start Unknown); 7336818 NODE_FAIL, 4047445, 5931946 with Start None
  );
  await rejects(
    () => convertFixture(NAME, "2024-03", { ...HB, delimiter: "|" }),
    /hb-jobinfo_sacct\.txt:1: 1 fields where the columns name 37; the file is refused/,
  );
});

Deno.test("conformance hb-jobinfo: across the DST change Elapsed is the truth (7195760)", async () => {
  // 128 CPUs, Start 2024-03-21T13:40:23, End 2024-03-31T14:40:50, Elapsed 10-00:00:27 (864,027 s).
  // Read as Europe/Amsterdam, End - Start = Elapsed; read as UTC it is one hour longer, the
  // report says so, and Elapsed is billed either way.
  const ams = await convertFixture(NAME, "2024-03", {
    ...HB,
    tz: "Europe/Amsterdam",
    jobs: ["7195760"],
  });
  equal(usageSeconds(ams.report, "cpu"), 864_027n * 128n);
  equal(ams.report.elapsedUsed.dstShift, 0);
  const utc = await convertFixture(NAME, "2024-03", { ...HB, tz: "UTC", jobs: ["7195760"] });
  equal(usageSeconds(utc.report, "cpu"), 864_027n * 128n); // not 867,627 s
  deepEqual(utc.report.elapsedUsed, {
    dstShift: 1,
    otherMismatch: 0,
    examples: ["7195760 (+3600 s)"],
  });
  equal(ams.rows[0].PricingQuantity, "30720.96"); // 864,027 x 128 / 3600
});

Deno.test("conformance hb-jobinfo: jobs across the leap day split exactly (times as written, UTC)", async () => {
  // 7216821_144 (12 CPUs) 2024-02-29T16:59:01 -> 03-03T16:58:18: 25,259 s Feb + 233,898 s Mar = 2-23:59:17
  // 7365760 (1 CPU) 2024-02-29T05:44:53 -> 03-05T08:55:39: 65,707 s Feb + 377,739 s Mar = 5-03:10:46
  const o = { ...HB, tz: "UTC", jobs: ["7216821_144", "7365760"] };
  const feb = await convertFixture(NAME, "2024-02", o);
  const mar = await convertFixture(NAME, "2024-03", o);
  equal(usageSeconds(feb.report, "cpu"), 25_259n * 12n + 65_707n);
  equal(usageSeconds(mar.report, "cpu"), 233_898n * 12n + 377_739n);
  equal(25_259 + 233_898, 259_157); // 2-23:59:17
  equal(65_707 + 377_739, 443_446); // 5-03:10:46
});

Deno.test("conformance hb-jobinfo: multi-node GPUs counted once and not per node; AllocTRES not ReqTRES", async () => {
  // 7971484: 2 nodes, AllocTRES cpu=16,gres/gpu:a100=4,gres/gpu=4, Elapsed 00:03:53 (233 s)
  const gpu = await convertFixture(NAME, "2024-04", { ...HB, tz: "UTC", jobs: ["7971484"] });
  equal(usageSeconds(gpu.report, "gpu"), 4n * 233n); // not 8 (typed + untyped), not x 2 nodes
  equal(usageSeconds(gpu.report, "cpu"), 16n * 233n);
  // 4034541: ReqTRES cpu=1, AllocTRES cpu=8, Elapsed 03:34:13 (12,853 s)
  const alloc = await convertFixture(NAME, "2023-09", { ...HB, tz: "UTC", jobs: ["4034541"] });
  equal(usageSeconds(alloc.report, "cpu"), 8n * 12_853n);
});

Deno.test("conformance hb-jobinfo: every month of the file adds up exactly to Σ Elapsed x CPUs of the started jobs", async () => {
  // computed from the file: job rows (no "."), not PENDING, Start not Unknown/None
  const at = (c: string) => HB_COLUMNS.indexOf(c);
  let cpu = 0n, gpu = 0n;
  for (const line of (await Deno.readTextFile(`${SLURM}${NAME}`)).split("\n")) {
    const f = line.split("☃");
    if (f.length < 37 || f[0].includes(".") || f[at("State")] === "PENDING") continue;
    if (["Unknown", "None"].includes(f[at("Start")])) continue;
    const m = /^(?:(\d+)-)?(\d+):(\d+):(\d+)$/.exec(f[at("Elapsed")])!;
    const s = BigInt(
      ((Number(m[1] ?? 0) * 24 + Number(m[2])) * 60 + Number(m[3])) * 60 + Number(m[4]),
    );
    const tres = new Map(
      f[at("AllocTRES")].split(",").map((kv) => kv.split("=") as [string, string]),
    );
    cpu += BigInt(tres.get("cpu") ?? "0") * s;
    gpu += BigInt(tres.get("gres/gpu") ?? "0") * s; // this file always lists the untyped total too
  }
  let gotCpu = 0n, gotGpu = 0n;
  for (let p = "2023-05"; p <= "2024-05"; p = nextPeriod(p)) {
    const { report } = await convertFixture(NAME, p, { ...HB, tz: "Europe/Amsterdam" });
    equal(report.conservation.holds, true, p);
    gotCpu += usageSeconds(report, "cpu");
    gotGpu += usageSeconds(report, "gpu");
  }
  equal(gotCpu, cpu);
  equal(gotGpu, gpu);
});
