/**
 * End to end through the real `ingest`: the five files of the own 0.4-layout
 * month (tests/fixtures/month/: 23 charges, billed 5,086.50), with a flag
 * pattern holding two AWS rows (billed 1,955.00, list 2,300.00) for review.
 * The same on the third-party 0.4 samples: tests/conformance/review_ingest_e2e_test.ts.
 */

import { deepEqual, equal } from "node:assert/strict";
import { MONTH, runCli, tempWorkspace, write04Config } from "./cli_harness.ts";

Deno.test("e2e: ingest a 0.4-layout month -> periods, review, show, finalize", async () => {
  const { dir, cleanup } = await tempWorkspace("oc-e2e-");
  try {
    const path = await write04Config(dir);
    const text = await Deno.readTextFile(path);
    await Deno.writeTextFile(
      path,
      text.replace("flag_patterns: []", 'flag_patterns: ["gpu-train|lang-corpus"]'),
    );
    const run = (args: string[]) => runCli([...args, "-c", "config.yaml"], { cwd: dir });
    for (const s of ["aws", "azure", "hpc", "it_storage", "storage"]) {
      const r = await run([
        "ingest",
        "--new-source",
        `${MONTH}${s}_2025-01.csv`,
        "-s",
        s,
        "--json",
      ]);
      equal(r.code, 0, r.stderr);
    }

    const periods = (await run(["periods", "list", "--json"])).json<Record<string, unknown>[]>();
    deepEqual(
      periods.map((p) => [p.period, p.status, p.charges, p.flagged, p.billedCost, p.listCost]),
      [["2025-01", "open", 23, 2, "3131.50", "5590.00"]], // less the 2 pending (1,955.00 / 2,300.00),
    );

    const pending = (await run(["review", "list", "--reason", "pattern", "--json"])).json<
      { id: number; source: string; piEmail: string; billedCost: string; reasons: string[] }[]
    >();
    deepEqual(
      pending.map((c) => [c.source, c.piEmail, c.billedCost, c.reasons]),
      [
        ["aws", "cora.lindqvist@northfield.edu", "255.00", ["pattern:gpu-train|lang-corpus"]],
        ["aws", "cora.lindqvist@northfield.edu", "1700.00", ["pattern:gpu-train|lang-corpus"]],
      ],
    );

    const before = (await run(["show", "Cora.Lindqvist@northfield.edu", "-p", "2025-01", "--json"]))
      .json();
    deepEqual(before, {
      pi: "cora.lindqvist@northfield.edu",
      period: "2025-01",
      billedCost: "83.00",
      listCost: "115.00",
      currency: "USD",
      totals: [{ currency: "USD", billedCost: "83.00", listCost: "115.00" }],
      charges: 3, // the two pending charges are not in the figures
      flagged: 2,
      projects: [
        {
          project: "language-models",
          fundOrg: "LING-2025-003",
          currency: "USD",
          charges: 2,
          flagged: 2,
          billedCost: "68.00",
          listCost: "85.00",
        },
        {
          project: "speech-corpus",
          fundOrg: "LING-2025-004",
          currency: "USD",
          charges: 1,
          flagged: 0,
          billedCost: "15.00",
          listCost: "30.00",
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
      }) in 2025-01, carrying 1,955.00 USD billed.\n`,
    );
    const after = (await run(["show", "cora.lindqvist@northfield.edu", "-p", "2025-01", "--json"]))
      .json<{ billedCost: string; listCost: string; flagged: number }>();
    deepEqual([after.billedCost, after.listCost, after.flagged], ["2038.00", "2415.00", 0]);

    equal((await run(["periods", "close", "2025-01"])).code, 0);
    const fin = await run(["periods", "finalize", "2025-01", "--notes", "sent"]);
    equal(fin.code, 0, fin.stderr);
    const sources = (await run(["sources", "list", "--json"])).json<Record<string, unknown>[]>();
    deepEqual(sources.map((s) => [s.name, s.charges, s.billedCost]), [
      ["aws", 8, "3995.00"],
      ["azure", 3, "926.50"],
      ["hpc", 4, "0.00"],
      ["it_storage", 2, "100.00"],
      ["storage", 6, "65.00"],
    ]);
  } finally {
    await cleanup();
  }
});
