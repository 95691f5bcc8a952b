/**
 * NordicHPC/sonar's sacct captures of the Fox cluster: no header (sonar's
 * SACCT_FIELDS order, read with --columns), `-aP` output with steps, ElapsedRaw
 * in seconds, local times at UTC+02:00 (2025-09) and UTC+01:00 (2024-11), no
 * Cluster column (--cluster fox).
 */

import { deepEqual, equal } from "node:assert/strict";
import { convertFixture, SLURM, SONAR_COLUMNS, usageSeconds } from "./slurm_kit.ts";

/**
 * The expected usage, computed from the file itself by a second reading:
 * every job row (no "." in JobID) that started (not PENDING, Start not
 * Unknown/None) contributes cpu x ElapsedRaw, and GPUs x ElapsedRaw where GPUs
 * is the untyped gres/gpu count, else the sum of typed ones.
 */
async function expected(name: string): Promise<{ cpu: bigint; gpu: bigint; jobs: number }> {
  const at = (c: string) => SONAR_COLUMNS.indexOf(c);
  let cpu = 0n, gpu = 0n, jobs = 0;
  for (const line of (await Deno.readTextFile(`${SLURM}${name}`)).split("\n")) {
    const f = line.split("|");
    if (f.length < SONAR_COLUMNS.length || f[at("JobID")].includes(".")) continue;
    if (f[at("State")] === "PENDING" || ["Unknown", "None"].includes(f[at("Start")])) continue;
    jobs++;
    const tres = new Map(
      f[at("AllocTRES")].split(",").map((kv) => kv.split("=") as [string, string]),
    );
    const s = BigInt(f[at("ElapsedRaw")]);
    cpu += BigInt(tres.get("cpu") ?? "0") * s;
    let typed = 0n;
    for (const [k, v] of tres) if (k.startsWith("gres/gpu:")) typed += BigInt(v);
    gpu += (tres.has("gres/gpu") ? BigInt(tres.get("gres/gpu")!) : typed) * s;
  }
  return { cpu, gpu, jobs };
}

const FOX = { cluster: "fox", columns: SONAR_COLUMNS };

Deno.test("conformance sonar 2025-09: conservation holds, GPUs counted once, steps dropped, never-started skipped", async () => {
  const name = "sonar_fox-2025-09_sacct_output.txt";
  const { report } = await convertFixture(name, "2025-09", { ...FOX, tz: "Etc/GMT-2" });
  const want = await expected(name);
  equal(want.jobs, 87); // 122 job rows - 31 PENDING - 4 cancelled with Start None
  deepEqual(report.jobs, {
    read: 122,
    billed: 87,
    skipped: { "never started: PENDING": 31, "never started: Start=None": 4 },
  });
  equal(report.stepsDropped, 179);
  equal(usageSeconds(report, "cpu"), want.cpu); // no job crosses a month: nothing is clipped
  equal(usageSeconds(report, "gpu"), want.gpu);
  equal(report.conservation.holds, true);
  // all 32 RUNNING jobs end at Start + ElapsedRaw = 2025-09-26T09:19:11+02:00
  deepEqual(report.running, { jobs: 32, captureTime: "2025-09-26T07:19:11Z" });
  equal(report.refusedLineCount, 0);
});

Deno.test("conformance sonar 2025-09: 1879824 (gres/gpu:a100=1,gres/gpu=1) is 1 GPU; 1956908 on 2 nodes is not doubled", async () => {
  const name = "sonar_fox-2025-09_sacct_output.txt";
  const gpu = await convertFixture(name, "2025-09", { ...FOX, tz: "Etc/GMT-2", jobs: ["1879824"] });
  equal(usageSeconds(gpu.report, "gpu"), 1_192_379n); // 1 GPU x ElapsedRaw 1,192,379 s, not 2
  equal(usageSeconds(gpu.report, "cpu"), 32n * 1_192_379n);
  equal(gpu.report.stepsDropped, 2); // .batch and .extern
  const multi = await convertFixture(name, "2025-09", {
    ...FOX,
    tz: "Etc/GMT-2",
    jobs: ["1956908"],
  });
  equal(usageSeconds(multi.report, "cpu"), 128n * 79n); // AllocTRES cpu=128 (2 nodes) x 79 s
  // 1909604: billing=78 but cpu=1, 4 GPUs: CPUs are billed as cpu, never as billing
  const b = await convertFixture(name, "2025-09", { ...FOX, tz: "Etc/GMT-2", jobs: ["1909604"] });
  equal(usageSeconds(b.report, "gpu") / usageSeconds(b.report, "cpu"), 4n);
});

Deno.test("conformance sonar 2024-11: conservation holds; 974804 typed + untyped is 1 GPU x 206 s", async () => {
  const name = "sonar_fox-2024-11_sacct-output.txt";
  const { report } = await convertFixture(name, "2024-11", { ...FOX, tz: "Etc/GMT-1" });
  const want = await expected(name);
  equal(report.jobs.billed, want.jobs);
  equal(report.jobs.read, 29);
  equal(report.stepsDropped, 67);
  equal(usageSeconds(report, "cpu"), want.cpu);
  equal(usageSeconds(report, "gpu"), want.gpu);
  equal(report.conservation.holds, true);
  const one = await convertFixture(name, "2024-11", { ...FOX, tz: "Etc/GMT-1", jobs: ["974804"] });
  equal(usageSeconds(one.report, "gpu"), 206n);
});
