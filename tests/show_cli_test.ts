import { deepEqual, equal, match } from "node:assert/strict";
import { seededWorkspace } from "./seed_charges.ts";

Deno.test("show cli: --json shape with exact figures; rejected and pending left out of sums", async () => {
  const ws = await seededWorkspace();
  try {
    const r = await ws.run(["show", "BOB@uni.edu", "-p", "2025-01", "--json"]);
    equal(r.code, 0, r.stderr);
    equal(r.stderr, "");
    deepEqual(r.json(), {
      pi: "bob@uni.edu",
      period: "2025-01",
      billedCost: "12.345678",
      listCost: "20.00",
      currency: "USD",
      totals: [{ currency: "USD", billedCost: "12.345678", listCost: "20.00" }],
      charges: 1,
      flagged: 1,
      projects: [
        {
          project: "proj-c",
          fundOrg: null,
          currency: "USD",
          charges: 0,
          flagged: 1,
          billedCost: "0.00",
          listCost: "0.00",
        },
        {
          project: "proj-c",
          fundOrg: "PHY-300",
          currency: "USD",
          charges: 1,
          flagged: 0,
          billedCost: "12.345678",
          listCost: "20.00",
        },
      ],
    });
    const carol = (await ws.run(["show", "carol@uni.edu", "-p", "2025-01", "--json"])).json<
      Record<string, unknown>
    >();
    deepEqual([carol.billedCost, carol.listCost, carol.currency], [null, null, null]);

    const human = await ws.run(["show", "alice@uni.edu", "-p", "2025-01"]);
    equal(human.code, 0);
    equal(
      human.stdout,
      [
        "PI alice@uni.edu, period 2025-01 (open)",
        "",
        "PROJECT  FUND/ORG  CURRENCY  CHARGES  FLAGGED    LIST  BILLED",
        "proj-a   BIO-100   USD             2        1  145.00  120.75",
        "proj-b   CHM-200   USD             1        1   50.00    0.00",
        "",
        "Total billed: 120.75 USD (list 195.00 USD) over 3 charges.",
        "2 charges await review and are not included: openchargeback review list -p 2025-01 --pi alice@uni.edu",
        "",
      ].join("\n"),
    );
  } finally {
    await ws.cleanup();
  }
});

Deno.test("show cli: errors are one line with exit 1; usage errors exit 2", async () => {
  const ws = await seededWorkspace();
  try {
    const unknownPi = await ws.run(["show", "dave@uni.edu", "-p", "2025-01"]);
    equal(unknownPi.code, 1);
    equal(
      unknownPi.stderr,
      "error: no charges for dave@uni.edu in 2025-01. " +
        "PIs with charges in 2025-01: alice@uni.edu, bob@uni.edu, carol@uni.edu.\n",
    );
    const unknownPeriod = await ws.run(["show", "alice@uni.edu", "-p", "2030-01", "--json"]);
    equal(unknownPeriod.code, 1);
    equal(unknownPeriod.stdout, "");
    equal(unknownPeriod.stderr.split("\n").length, 2);
    equal((await ws.run(["show", "alice@uni.edu"])).code, 2);
    equal((await ws.run(["show", "-p", "2025-01"])).code, 2);
    const help = await ws.run(["show", "--help"]);
    equal(help.code, 0);
    match(help.stdout, /Examples:\n {2}openchargeback show pi@example\.edu -p 2025-01/);
  } finally {
    await ws.cleanup();
  }
});
