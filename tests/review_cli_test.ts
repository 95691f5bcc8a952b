import { deepEqual, equal, match } from "node:assert/strict";
import { seededWorkspace } from "./seed_charges.ts";

Deno.test("review cli: list --json shape, filters and the human table", async () => {
  const ws = await seededWorkspace();
  try {
    const r = await ws.run(["review", "list", "-p", "2025-01", "--json"]);
    equal(r.code, 0, r.stderr);
    const list = r.json<Record<string, unknown>[]>();
    deepEqual(list[0], {
      id: 10,
      period: "2025-01",
      source: "aws",
      piEmail: "alice@uni.edu",
      projectId: "proj-a",
      fundOrg: "BIO-100",
      serviceName: "Amazon SageMaker",
      resourceId: "gpu-2",
      billedCost: "1.111111",
      currency: "USD",
      reasons: ["pattern:gpu|tpu", "missing_fund_org"],
    });
    deepEqual(list.map((c) => c.id), [10, 3, 5]);
    const byReason = await ws.run(["review", "list", "--reason", "pattern", "--json"]);
    deepEqual(byReason.json<{ id: number }[]>().map((c) => c.id), [12, 10, 3]);
    const bySource = await ws.run(["review", "list", "--source", "HPC", "--pi", "x@y", "--json"]);
    equal(bySource.code, 0);
    deepEqual(bySource.json(), []);

    const human = await ws.run(["review", "list", "--pi", "ALICE@uni.edu"]);
    equal(human.code, 0);
    const lines = human.stdout.trimEnd().split("\n");
    match(
      lines[0],
      /^ID +PERIOD +SOURCE +PI +PROJECT +FUND\/ORG +SERVICE +RESOURCE +BILLED +REASONS$/,
    );
    equal(lines.length, 6);
    match(lines[1], /^12 +2024-12 +aws +alice@uni\.edu .* 9\.99 USD +pattern:gpu$/);
    equal(lines[5], "3 charges await review, billed 21.10 USD.");

    const unknown = await ws.run(["review", "list", "--source", "gcp"]);
    equal(unknown.code, 1);
    equal(unknown.stderr, "error: source 'gcp' does not exist. Known sources: aws, hpc.\n");
  } finally {
    await ws.cleanup();
  }
});

Deno.test("review cli: approve and reject with exact totals; decisions show up in periods and show", async () => {
  const ws = await seededWorkspace();
  try {
    const a = await ws.run(["review", "approve", "--id", "3", "--id", "5", "--note", "ok"]);
    equal(a.code, 0, a.stderr);
    equal(a.stdout, "approved 2 charges (3, 5) in 2025-01, carrying 15.13 USD billed.\n");

    const rj = await ws.run(["review", "reject", "--id", "10", "--note", "test gpu", "--json"]);
    equal(rj.code, 0, rj.stderr);
    deepEqual(rj.json(), {
      decision: "rejected",
      count: 1,
      ids: [10],
      periods: ["2025-01"],
      billedCost: "1.111111",
      currency: "USD",
      totals: [{ currency: "USD", billedCost: "1.111111" }],
      note: "test gpu",
    });

    const periods = (await ws.run(["periods", "list", "--json"])).json<
      { period: string; charges: number; flagged: number; totals: unknown }[]
    >();
    const jan = periods.find((p) => p.period === "2025-01")!;
    deepEqual([jan.charges, jan.flagged], [8, 0]);
    deepEqual(jan.totals, [
      { currency: "EUR", billedCost: "3.00", listCost: "4.00" },
      { currency: "USD", billedCost: "150.220678", listCost: "233.50" },
    ]);
    const alice = (await ws.run(["show", "alice@uni.edu", "-p", "2025-01", "--json"])).json<
      { billedCost: string; listCost: string }
    >();
    deepEqual([alice.billedCost, alice.listCost], ["130.75", "205.00"]);

    const db = ws.openDb();
    try {
      const audit = db.all<{ action: string; details: string }>(
        "SELECT action, details FROM audit_log WHERE action LIKE 'review.%' ORDER BY id",
      );
      deepEqual(
        audit.map((x) => [x.action, JSON.parse(x.details).ids, JSON.parse(x.details).note]),
        [
          ["review.approve", [3, 5], "ok"],
          ["review.reject", [10], "test gpu"],
        ],
      );
      equal(db.get<{ n: number }>("SELECT count(*) AS n FROM review_decisions")!.n, 3);
      equal(db.get<{ n: number }>("SELECT count(*) AS n FROM charges")!.n, 12);
    } finally {
      db.close();
    }
  } finally {
    await ws.cleanup();
  }
});

Deno.test("review cli: refusals are all-or-nothing, one line, exit 1; usage errors exit 2", async () => {
  const ws = await seededWorkspace();
  try {
    const mixed = await ws.run(["review", "approve", "--id", "3,1,999"]);
    equal(mixed.code, 1);
    equal(
      mixed.stderr,
      "error: nothing changed: charges 1 (never flagged), 999 (no such charge) are not awaiting review. " +
        "List the charges awaiting review with: openchargeback review list.\n",
    );
    const locked = await ws.run(["review", "approve", "--id", "12"]);
    equal(locked.code, 1);
    match(
      locked.stderr,
      /^error: review approve refused: period 2024-12 \(finalized\) is not open\./,
    );
    equal(locked.stderr.split("\n").length, 2);

    for (
      const args of [
        ["review", "approve"],
        ["review", "approve", "--id", "3", "-p", "2025-01"],
        ["review", "approve", "--id", "3", "--reason", "pattern"],
        ["review", "approve", "--id", "abc"],
        ["review", "reject", "--id", "3"],
        ["review", "reject", "--note", "x"],
        ["review", "list", "--bogus"],
      ]
    ) {
      const r = await ws.run(args);
      equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    }
    const pending = (await ws.run(["review", "list", "--json"])).json<{ id: number }[]>();
    deepEqual(pending.map((c) => c.id), [12, 10, 3, 5]);

    const all = await ws.run(["review", "approve", "-p", "2025-01", "--reason", "missing"]);
    equal(all.code, 0, all.stderr);
    equal(all.stdout, "approved 2 charges (5, 10) in 2025-01, carrying 6.24 USD billed.\n");
    const none = await ws.run(["review", "approve", "-p", "2025-01", "--reason", "missing"]);
    equal(none.code, 0);
    equal(
      none.stdout,
      "nothing to approve: no charge of 2025-01 with reason 'missing' awaits review.\n",
    );
  } finally {
    await ws.cleanup();
  }
});

Deno.test("review cli: --help on the command and each subcommand shows examples", async () => {
  const ws = await seededWorkspace(false);
  try {
    for (const sub of [[], ["list"], ["approve"], ["reject"]]) {
      const r = await ws.run(["review", ...sub, "--help"]);
      equal(r.code, 0);
      match(r.stdout, /Examples:\n {2}openchargeback review /);
    }
  } finally {
    await ws.cleanup();
  }
});
