import { deepEqual, equal } from "node:assert/strict";
import { convertLines, rowsOf, sacctLine as L } from "./metering_test_kit.ts";

const cpu = (n: number) => `billing=${n},cpu=${n},mem=4G,node=1`;

Deno.test("slurm: a job across a month end is split exactly and its months add up to Elapsed x TRES", async () => {
  // 36 CPUs, Start 2026-06-30T23:17:43, Elapsed 1 h: 2,537 s in June, 1,063 s in July
  const job = L({
    JobID: "100",
    Start: "2026-06-30T23:17:43",
    End: "2026-07-01T00:17:43",
    Elapsed: "01:00:00",
    AllocTRES: cpu(36),
  });
  const june = await convertLines([job], "2026-06");
  const july = await convertLines([job], "2026-07");
  equal(june.rows[0].PricingQuantity, "25.37"); // 2537 s x 36 / 3600
  equal(july.rows[0].PricingQuantity, "10.63"); // 1063 s x 36 / 3600
  equal(25_370_000 + 10_630_000, 36 * 1_000_000); // = Elapsed 1 h x 36 CPUs
  equal(june.rows[0].ListCost, "0.5074"); // 25.37 x 0.0200 (price of June)
  equal(july.rows[0].ListCost, "0.19134"); // 10.63 x 0.0180 (price from 2026-07)
  equal(june.rows[0].SkuPriceId, "cpu-a");
  equal(july.rows[0].SkuPriceId, "cpu-b");
  equal(june.rows[0].BillingPeriodEnd, "2026-07-01T00:00:00Z"); // exclusive end
  equal(june.report.conservation.holds, true);
});

Deno.test("slurm: a job across the leap day bills 36 h of February 2024 and 12 h of March", async () => {
  const job = L({
    Start: "2024-02-28T12:00:00",
    End: "2024-03-01T12:00:00",
    Elapsed: "2-00:00:00",
    AllocTRES: cpu(1),
  });
  equal((await convertLines([job], "2024-02")).rows[0].PricingQuantity, "36");
  equal((await convertLines([job], "2024-03")).rows[0].PricingQuantity, "12");
});

Deno.test("slurm: across a daylight-saving change Elapsed is the truth, and the report says so", async () => {
  // Europe/Amsterdam 2024-03-31: 02:00 local jumps to 03:00; 01:30 -> 03:30 local is 1 h
  const job = L({
    Start: "2024-03-31T01:30:00",
    End: "2024-03-31T03:30:00",
    Elapsed: "01:00:00",
    AllocTRES: cpu(10),
  });
  const right = await convertLines([job], "2024-03", { tz: "Europe/Amsterdam" });
  equal(right.rows[0].PricingQuantity, "10");
  equal(right.report.elapsedUsed.dstShift, 0);
  const wrong = await convertLines([job], "2024-03", { tz: "UTC" }); // End - Start reads 2 h
  equal(wrong.rows[0].PricingQuantity, "10"); // Elapsed (1 h), not End - Start
  equal(wrong.report.elapsedUsed.dstShift, 1);
  deepEqual(wrong.report.elapsedUsed.examples, ["1000 (+3600 s)"]);
});

Deno.test("slurm: --tz decides the month of a local time near a month end", async () => {
  // 2024-04-01T01:00 in Amsterdam (UTC+2) is 2024-03-31T23:00Z: 1 h in March, 1 h in April
  const job = L({
    Start: "2024-04-01T01:00:00",
    End: "2024-04-01T03:00:00",
    Elapsed: "02:00:00",
    AllocTRES: cpu(1),
  });
  equal(
    (await convertLines([job], "2024-03", { tz: "Europe/Amsterdam" })).rows[0].PricingQuantity,
    "1",
  );
  equal((await convertLines([job], "2024-03", { tz: "UTC" })).rows.length, 0);
});

Deno.test("slurm: array ranges are expanded into one job per task", async () => {
  const { rows, report } = await convertLines(
    [L({ JobID: "2000_[1-3,7]", AllocTRES: cpu(4) })],
    "2026-09",
  );
  equal(report.jobs.read, 4);
  equal(report.jobs.billed, 4);
  equal(rows[0].x_JobCount, "4");
  equal(rows[0].PricingQuantity, "16"); // 4 tasks x 4 CPUs x 1 h (outside the outage day)
});

Deno.test("slurm: heterogeneous components are separate jobs", async () => {
  const { rows, report } = await convertLines([
    L({ JobID: "3000+0", JobIDRaw: "3000", AllocTRES: cpu(4) }),
    L({ JobID: "3000+1", JobIDRaw: "3001", AllocTRES: cpu(2) }),
  ], "2026-09");
  equal(report.jobs.billed, 2);
  equal(rows[0].PricingQuantity, "6");
  equal(rows[0].x_JobCount, "2");
});

Deno.test("slurm: steps are dropped (only the allocation is billed)", async () => {
  const { rows, report } = await convertLines([
    L({ JobID: "4000", AllocTRES: cpu(4) }),
    L({ JobID: "4000.batch", AllocTRES: "cpu=4,mem=4G,node=1" }),
    L({ JobID: "4000.extern", AllocTRES: cpu(4) }),
    L({ JobID: "4000.0", AllocTRES: "cpu=4,mem=4G,node=1" }),
  ], "2026-09");
  equal(report.stepsDropped, 3);
  equal(report.jobs.read, 1);
  equal(rows[0].PricingQuantity, "4");
});

Deno.test("slurm: typed and untyped GPUs are counted once; typed-only GPUs are summed", async () => {
  const { rows } = await convertLines([
    L({
      JobID: "5000",
      Partition: "gpu",
      AllocTRES: "billing=8,cpu=8,gres/gpu:a100=2,gres/gpu=2,mem=64G,node=1",
    }),
    L({ JobID: "5001", Partition: "gpu", AllocTRES: "cpu=1,gres/gpu:a100=1,gres/gpu:v100=2" }),
  ], "2026-09");
  const gpu = rowsOf(rows, "gpu-a100");
  equal(gpu.length, 1);
  equal(gpu[0].PricingQuantity, "5"); // 2 (not 4) + 1 + 2 GPU-hours
  equal(gpu[0].ListCost, "6.25"); // 5 x 1.2500
  equal(rowsOf(rows, "cpu-gpu")[0].PricingQuantity, "9");
});

Deno.test("slurm: multi-node jobs are not multiplied by NNodes (AllocTRES is the job total)", async () => {
  const { rows } = await convertLines([
    L({
      JobID: "6000",
      NNodes: "4",
      Elapsed: "02:00:00",
      End: "2026-09-10T12:00:00",
      AllocTRES: "billing=48,cpu=48,mem=192G,node=4",
    }),
  ], "2026-09");
  equal(rows[0].PricingQuantity, "96"); // 48 x 2 h, not 48 x 4 nodes x 2 h
});

Deno.test("slurm: AllocTRES is billed, never ReqTRES", async () => {
  // jobstats#6: an --exclusive job requested 1 CPU and was allocated 36 CPUs and 4 GPUs
  const { rows } = await convertLines([
    L({
      JobID: "7000",
      Partition: "gpu",
      ReqTRES: "billing=2,cpu=1,mem=5G,node=1",
      AllocTRES: "billing=112,cpu=36,gres/gpu:rtx2080ti=4,gres/gpu=4,mem=180G,node=1",
    }),
  ], "2026-09");
  equal(rowsOf(rows, "cpu-gpu")[0].PricingQuantity, "36");
  equal(rowsOf(rows, "gpu-a100")[0].PricingQuantity, "4");
});

Deno.test("slurm: an empty AllocTRES falls back to NCPUS and is flagged", async () => {
  const { rows, report } = await convertLines(
    [L({ JobID: "8000", NCPUS: "12", AllocTRES: "" })],
    "2026-09",
  );
  equal(rows[0].PricingQuantity, "12");
  equal(report.fallbackToNcpus.jobs, 1);
  deepEqual(report.fallbackToNcpus.examples, ["8000"]);
});

Deno.test("slurm: a requeued job counts once per (JobIDRaw, Start)", async () => {
  const first = L({ JobID: "9000", State: "REQUEUED", AllocTRES: cpu(4) });
  const second = L({
    JobID: "9000",
    Start: "2026-09-11T10:00:00",
    End: "2026-09-11T11:00:00",
    AllocTRES: cpu(4),
  });
  const { rows, report } = await convertLines([first, first, second], "2026-09");
  equal(report.jobs.billed, 2);
  equal(report.jobs.skipped["duplicate record (requeue or --duplicates): counted once"], 1);
  equal(rows[0].PricingQuantity, "8");
});

Deno.test("slurm: jobs that never started are skipped and counted by reason", async () => {
  const { rows, report } = await convertLines([
    L({
      JobID: "9100",
      State: "PENDING",
      Start: "Unknown",
      End: "Unknown",
      Elapsed: "00:00:00",
      AllocTRES: "",
    }),
    L({
      JobID: "9101",
      State: "CANCELLED by 1234",
      Start: "None",
      Elapsed: "00:00:00",
      AllocTRES: "",
    }),
    L({
      JobID: "9102",
      State: "CANCELLED by 1234",
      Start: "Unknown",
      Elapsed: "00:00:00",
      AllocTRES: "",
    }),
    L({ JobID: "9103", State: "FOO" }),
  ], "2026-09");
  equal(rows.length, 0);
  equal(report.jobs.read, 4);
  deepEqual(report.jobs.skipped, {
    "never started: PENDING": 1,
    "never started: Start=None": 1,
    "never started: Start=Unknown": 1,
    "unknown state FOO": 1,
  });
});

Deno.test("slurm: a running job (End Unknown) is billed up to the capture time, clipped to the month", async () => {
  const { rows, report } = await convertLines([
    L({
      JobID: "9200",
      State: "RUNNING",
      Start: "2026-09-29T00:00:00",
      End: "Unknown",
      Elapsed: "3-06:00:00",
      AllocTRES: cpu(4),
    }),
  ], "2026-09");
  equal(rows[0].PricingQuantity, "192"); // 48 h of September x 4; the 30 h of October are not here
  equal(report.running.jobs, 1);
  equal(report.running.captureTime, "2026-10-02T06:00:00Z");
});
