/**
 * End to end through the real `ingest`: the five 0.4 sample files of 2025-01
 * (59 charges, billed 20,227.00), with a flag pattern holding two AWS rows
 * (billed 1,819.00, list 2,140.00) for review.
 */

import { deepEqual, equal } from "node:assert/strict";
import { runCli, tempWorkspace } from "../cli_harness.ts";
import { OC04, writeOc04Config } from "./fixtures.ts";

Deno.test("e2e: ingest 0.4 samples -> periods, review, show, finalize", async () => {
  const { dir, cleanup } = await tempWorkspace("oc-e2e-");
  try {
    const path = await writeOc04Config(dir);
    const text = await Deno.readTextFile(path);
    await Deno.writeTextFile(
      path,
      text.replace("flag_patterns: []", 'flag_patterns: ["genomics-compute"]'),
    );
    const run = (args: string[]) => runCli([...args, "-c", "config.yaml"], { cwd: dir });
    for (const s of ["aws", "azure", "hpc", "it_storage", "storage"]) {
      const r = await run(["ingest", "--new-source", `${OC04}${s}_2025-01.csv`, "-s", s, "--json"]);
      equal(r.code, 0, r.stderr);
    }

    const periods = (await run(["periods", "list", "--json"])).json<Record<string, unknown>[]>();
    deepEqual(
      periods.map((p) => [p.period, p.status, p.charges, p.flagged, p.billedCost, p.listCost]),
      [["2025-01", "open", 59, 2, "18408.00", "30120.00"]], // less the 2 pending (1,819.00 / 2,140.00),
    );

    const pending = (await run(["review", "list", "--reason", "pattern", "--json"])).json<
      { id: number; source: string; piEmail: string; billedCost: string; reasons: string[] }[]
    >();
    deepEqual(
      pending.map((c) => [c.source, c.piEmail, c.billedCost, c.reasons]),
      [
        ["aws", "zorp.blinkman@example.edu", "1062.50", ["pattern:genomics-compute"]],
        ["aws", "zorp.blinkman@example.edu", "756.50", ["pattern:genomics-compute"]],
      ],
    );

    const before = (await run(["show", "Zorp.Blinkman@example.edu", "-p", "2025-01", "--json"]))
      .json();
    deepEqual(before, {
      pi: "zorp.blinkman@example.edu",
      period: "2025-01",
      billedCost: "4641.00",
      listCost: "5465.00",
      currency: "USD",
      totals: [{ currency: "USD", billedCost: "4641.00", listCost: "5465.00" }],
      charges: 6,
      flagged: 2,
      projects: [
        {
          project: "genomics-sequencing",
          fundOrg: "BIO-2024-001",
          currency: "USD",
          charges: 3,
          flagged: 2,
          billedCost: "488.75",
          listCost: "580.00",
        },
        {
          project: "protein-folding-ml",
          fundOrg: "NIH-R01-2023",
          currency: "USD",
          charges: 3,
          flagged: 0,
          billedCost: "4152.25",
          listCost: "4885.00",
        },
      ],
    });

    const refused = await run(["periods", "finalize", "2025-01"]);
    equal(refused.code, 1);
    equal(
      refused.stderr,
      "error: cannot finalize 2025-01: 2 charges await review. " +
        "List them with: openchargeback review list -p 2025-01.\n",
    );

    const approve = await run(["review", "approve", "-p", "2025-01", "--reason", "pattern"]);
    equal(approve.code, 0, approve.stderr);
    equal(
      approve.stdout,
      `approved 2 charges (${
        pending.map((c) => c.id).join(", ")
      }) in 2025-01, carrying 1,819.00 USD billed.\n`,
    );
    const after = (await run(["show", "zorp.blinkman@example.edu", "-p", "2025-01", "--json"]))
      .json<{ billedCost: string; listCost: string; flagged: number }>();
    deepEqual([after.billedCost, after.listCost, after.flagged], ["6460.00", "7605.00", 0]);

    equal((await run(["periods", "close", "2025-01"])).code, 0);
    const fin = await run(["periods", "finalize", "2025-01", "--notes", "sent"]);
    equal(fin.code, 0, fin.stderr);
    const sources = (await run(["sources", "list", "--json"])).json<Record<string, unknown>[]>();
    deepEqual(sources.map((s) => [s.name, s.charges, s.billedCost]), [
      ["aws", 25, "19086.75"],
      ["azure", 4, "735.25"],
      ["hpc", 9, "0.00"],
      ["it_storage", 6, "360.00"],
      ["storage", 15, "45.00"],
    ]);
  } finally {
    await cleanup();
  }
});
