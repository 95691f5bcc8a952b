import { deepEqual, equal, ok } from "node:assert/strict";
import { convertLines, rowsOf, sacctLine as L, TEST_CARD, testCard } from "./metering_test_kit.ts";

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

Deno.test("slurm: time inside an outage is priced at list, not billed, on its own 'outage credit' row", async () => {
  // 10 CPUs for 24 h on 2026-09-14; the outage covers 06:00-18:00Z of cascade/standard
  const { rows, report } = await convertLines([
    L({
      Start: "2026-09-14T00:00:00",
      End: "2026-09-15T00:00:00",
      Elapsed: "1-00:00:00",
      AllocTRES: cpu(10),
    }),
  ], "2026-09");
  equal(rows.length, 2);
  const [used, outage] = rows;
  deepEqual(
    [used.PricingQuantity, used.ListCost, used.BilledCost, used.x_SubsidyPercent],
    ["120", "2.16", "1.62", "25"], // 120 x 0.0180, less 25 %
  );
  deepEqual(
    [outage.PricingQuantity, outage.ListCost, outage.BilledCost, outage.ChargeDescription],
    [
      "120",
      "2.16",
      "0.00",
      "outage credit: cooling failure (cpu-std at 0.0180 per core-hour, not billed)",
    ],
  );
  deepEqual(report.totals, {
    listCost: "4.32",
    subsidy: "0.54",
    outageCredit: "2.16",
    billedCost: "1.62",
  });
  equal(report.conservation.holds, true);
  equal(report.conservation.skus[0].pricingQuantity, "240");
});

Deno.test("slurm: a subsidy rule with `when` replaces the general one for its accounts", async () => {
  const { rows } = await convertLines([L({ Account: "teaching", AllocTRES: cpu(100) })], "2026-09");
  deepEqual([rows[0].ListCost, rows[0].BilledCost, rows[0].x_SubsidyPercent], [
    "1.80",
    "0.00",
    "100",
  ]);
  equal(rows[0].ContractedCost, rows[0].BilledCost);
  equal(rows[0].EffectiveCost, rows[0].BilledCost);
});

Deno.test("slurm: accounts.csv gives PI tags; unmapped accounts keep none and are reported", async () => {
  const accounts = new Map([["chem", {
    pi_email: "ada@x.edu",
    project_id: "cat",
    fund_org: "CHEM-1",
    pi_name: "Ada",
  }]]);
  const { rows, report } = await convertLines(
    [
      L({ Account: "chem" }),
      L({ JobID: "1001", Account: "bio", User: "bob" }),
    ],
    "2026-09",
    { accounts },
  );
  const tags = rows.map((r) => JSON.parse(r.Tags));
  deepEqual(tags[0], {
    slurm_account: "bio",
    slurm_user: "bob",
    cluster: "cascade",
    partition: "standard",
    qos: "normal",
  });
  deepEqual(tags[1], {
    slurm_account: "chem",
    slurm_user: "alice",
    cluster: "cascade",
    partition: "standard",
    qos: "normal",
    pi_email: "ada@x.edu",
    project_id: "cat",
    fund_org: "CHEM-1",
    pi_name: "Ada",
  });
  equal(rows[1].ResourceId, "cascade/chem/standard");
  deepEqual(report.unmappedAccounts, ["bio"]);
});

Deno.test("slurm: unknown partitions, unknown TRES and GPU partitions showing 0 GPUs are reported", async () => {
  const { report } = await convertLines([
    L({ JobID: "1", Partition: "debug" }),
    L({ JobID: "2", Partition: "gpu", AllocTRES: "cpu=4,node=1" }),
    L({ JobID: "3", AllocTRES: "cpu=4,license/matlab=1" }),
  ], "2026-09");
  deepEqual(report.unknownPartitions, [{ cluster: "cascade", partition: "debug", jobs: 1 }]);
  deepEqual(report.gpuPartitionsWithoutGpus, [{ cluster: "cascade", partition: "gpu", jobs: 1 }]);
  deepEqual(report.unknownTres, [{ tres: "license/matlab", jobs: 1 }]);
  equal(report.jobs.skipped["no SKU for its cluster and partition"], 1);
});

Deno.test("slurm: a bad time is a refused line with its line number; the rest converts", async () => {
  const { rows, report } = await convertLines([
    L({ JobID: "1", Start: "yesterday" }),
    L({ JobID: "2" }),
  ], "2026-09");
  equal(rows.length, 1);
  equal(report.refusedLineCount, 1);
  ok(report.refusedLines[0].file.endsWith("sacct.txt"));
  equal(report.refusedLines[0].line, 2);
  equal(report.refusedLines[0].reason, "Start 'yesterday' is not a time");
});

Deno.test("slurm: conservation holds to the micro-unit when every row is rounded", async () => {
  // 7 jobs of 1 CPU for 1,001 s: each row 0.278056 core-hours (1001/3600 rounded), 7 users
  const lines = [...Array(7).keys()].map((i) =>
    L({
      JobID: String(100 + i),
      User: `u${i}`,
      Elapsed: "00:16:41",
      End: "2026-09-10T10:16:41",
      AllocTRES: "cpu=1",
    })
  );
  const { report } = await convertLines(lines, "2026-09");
  const c = report.conservation.skus[0];
  equal(c.rows, 7);
  equal(c.pricingQuantity, "1.946392"); // 7 x 0.278056
  equal(c.usage, "1.946389"); // 7007 / 3600 = 1.9463888...
  equal(c.roundingMicro, 3);
  equal(c.holds, true);
});

Deno.test("slurm: memory per GiB, billing units (SU), and GPUs no SKU prices are reported", async () => {
  const card = testCard(`currency: USD
skus:
  - id: mem
    service: Large memory
    unit: GiB-hours
    measure: {tres: mem, per: GiB}
    match: {partition: [bigmem]}
    history: [{from: 2026-01, list: "0.0010"}]
  - id: su
    service: Service units
    unit: SU
    measure: {tres: billing}
    match: {partition: [bigmem]}
    history: [{from: 2026-01, list: "0.0100"}]
  - id: a100
    service: GPU
    unit: gpu-hours
    measure: {tres: "gres/gpu:a100"}
    match: {partition: [gpu]}
    history: [{from: 2026-01, list: "2.00"}]
`);
  const { rows, report } = await convertLines(
    [
      // 1,536 MiB (1.5 GiB) x 2 h = 3 GiB-hours; billing=7 x 2 h = 14 SU
      L({
        Partition: "bigmem",
        Elapsed: "02:00:00",
        End: "2026-09-10T12:00:00",
        AllocTRES: "billing=7,cpu=2,mem=1536M,node=1",
      }),
      // untyped GPUs only, on a partition priced per typed GPU: reported, not silently lost
      L({ JobID: "2", Partition: "gpu", AllocTRES: "cpu=1,gres/gpu=2" }),
    ],
    "2026-09",
    { card },
  );
  deepEqual(rows.map((r) => [r.SkuId, r.PricingQuantity, r.ListCost]), [["mem", "3", "0.003"], [
    "su",
    "14",
    "0.14",
  ]]);
  deepEqual(report.unpricedGpus, [{ cluster: "cascade", partition: "gpu", jobs: 1 }]);
  deepEqual(report.unpricedCpus, [{ cluster: "cascade", partition: "gpu", jobs: 1 }]);
});

Deno.test("slurm: subsidy rules `when` partition or qos; NodeList 'None assigned' never started", async () => {
  const card = testCard(TEST_CARD.replace(
    '      - {from: 2024-01, percent: "100", when: {account: [teaching]}}',
    '      - {from: 2024-01, percent: "50", when: {partition: [long]}}\n' +
      '      - {from: 2024-01, percent: "10", when: {qos: [scavenger]}}',
  ));
  const { rows } = await convertLines(
    [
      L({ JobID: "1", Partition: "long", AllocTRES: cpu(100) }),
      L({ JobID: "2", User: "bob", QOS: "scavenger", AllocTRES: cpu(100) }),
      L({ JobID: "3", User: "carol", AllocTRES: cpu(100) }),
    ],
    "2026-09",
    { card },
  );
  // 100 core-hours x 0.0180 = 1.80 each; long: 50 %, scavenger: 10 % (replaces the general 25 %)
  deepEqual(
    rows.map((
      r,
    ) => [r.SubAccountId, r.Tags.includes("scavenger") ? "scavenger" : "", r.BilledCost]),
    [
      ["chem", "", "0.90"], // long (rows sort by partition, account, user)
      ["chem", "scavenger", "1.62"], // bob
      ["chem", "", "1.35"], // carol: the general 25 %
    ],
  );
  const lines = [
    "JobID|JobIDRaw|Cluster|Partition|Account|User|State|Start|End|Elapsed|NCPUS|AllocTRES|NodeList",
    "9|9|cascade|standard|chem|alice|CANCELLED by 1|2026-09-10T10:00:00|2026-09-10T10:00:00|00:00:00|4||None assigned",
  ];
  const { report } = await convertLines(lines, "2026-09", { raw: true });
  deepEqual(report.jobs.skipped, { "never started: NodeList=None assigned": 1 });
});
