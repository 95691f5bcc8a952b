/** convert slurm: outages, subsidies, accounts, reports, refused lines, conservation (the job shapes: slurm_convert_test.ts). */
import { deepEqual, equal, ok } from "node:assert/strict";
import { convertLines, sacctLine as L, TEST_CARD, testCard } from "./metering_test_kit.ts";

const cpu = (n: number) => `billing=${n},cpu=${n},mem=4G,node=1`;

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
