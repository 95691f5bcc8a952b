import { deepEqual, equal, match } from "node:assert/strict";
import { seededWorkspace } from "./seed_charges.ts";

Deno.test("periods cli: list --json has the contract shape with exact figures", async () => {
  const ws = await seededWorkspace();
  try {
    const r = await ws.run(["periods", "list", "--json"]);
    equal(r.code, 0, r.stderr);
    equal(r.stderr, "");
    const list = r.json<Record<string, unknown>[]>();
    deepEqual(
      list.map((p) => [p.period, p.status, p.charges, p.flagged, p.billedCost, p.listCost]),
      [
        ["2025-02", "open", 1, 0, "40.00", "80.00"],
        ["2025-01", "open", 9, 3, null, null],
        // its one charge awaits review: billed figures count billable charges only
        ["2024-12", "finalized", 1, 1, "0.00", "0.00"],
      ],
    );
    deepEqual(list[1].totals, [
      { currency: "EUR", billedCost: "3.00", listCost: "4.00" },
      { currency: "USD", billedCost: "135.095678", listCost: "217.50" },
    ]);
    deepEqual(list[1].pendingBilledCost, [{ currency: "USD", billedCost: "16.236111" }]);
    equal(list[1].statements, null);
    const human = await ws.run(["periods", "list"]);
    equal(human.code, 0);
    match(human.stdout, /^PERIOD +STATUS +CHARGES +FLAGGED +LIST +BILLED\n/);
    match(
      human.stdout,
      /\n2025-01 +open +9 +3 +4\.00 EUR \+ 217\.50 USD +3\.00 EUR \+ 135\.10 USD\n/,
    );
    match(human.stdout, /\n2025-01 USD: pending review \(not billed\) 16\.24 USD\n/);
  } finally {
    await ws.cleanup();
  }
});

Deno.test("periods cli: close, reopen, finalize with exit codes and one-line errors", async () => {
  const ws = await seededWorkspace();
  try {
    // pending charges: refused, naming the count, unless --allow-pending
    const refused = await ws.run(["periods", "close", "2025-01"]);
    equal(refused.code, 1);
    equal(refused.stdout, "");
    equal(
      refused.stderr,
      "error: cannot close 2025-01: 3 charges await review; closing locks them until the " +
        "period is reopened. Approve or reject them first (openchargeback review list -p " +
        "2025-01), or close anyway with --allow-pending.\n",
    );
    const close = await ws.run(["periods", "close", "2025-01", "--allow-pending"]);
    equal(close.code, 0, close.stderr);
    equal(close.stdout, "closed 2025-01 (was open, now closed).\n");
    match(close.stderr, /^warning: 3 charges of 2025-01 await review; reopen 2025-01/);

    const fin = await ws.run(["periods", "finalize", "2025-01"]);
    equal(fin.code, 1);
    equal(
      fin.stderr,
      "error: cannot finalize 2025-01: 3 charges await review. List them with: " +
        "openchargeback review list -p 2025-01 (reopen 2025-01 to approve or reject them).\n",
    );

    const noReason = await ws.run(["periods", "reopen", "2025-01"]);
    equal(noReason.code, 2);
    match(noReason.stderr, /required option '--reason <text>' not specified/);

    const reopen = await ws.run(["periods", "reopen", "2025-01", "--reason", "late credits"]);
    equal(reopen.code, 0, reopen.stderr);
    equal(reopen.stdout, "reopened 2025-01 (was closed, now open).\n");

    const again = await ws.run(["periods", "reopen", "2025-01", "--reason", "x"]);
    equal(again.code, 1);
    equal(again.stderr.trim().split("\n").length, 1);
    match(again.stderr, /^error: cannot reopen 2025-01: it is already open\./);

    const fin2 = await ws.run(["periods", "finalize", "2025-02", "--notes", "sent"]);
    equal(fin2.code, 0, fin2.stderr);
    equal(fin2.stdout, "finalized 2025-02 (was open, now finalized).\n");
    const reopenFinal = await ws.run(["periods", "reopen", "2025-02", "--reason", "x"]);
    equal(reopenFinal.code, 1);
    equal(
      reopenFinal.stderr,
      "error: cannot reopen 2025-02: it is finalized. Finalizing is permanent; a finalized period never changes.\n",
    );

    const unknown = await ws.run(["periods", "close", "2023-07"]);
    equal(unknown.code, 1);
    equal(
      unknown.stderr,
      "error: period 2023-07 does not exist. Known periods: 2025-02, 2025-01, 2024-12.\n",
    );
    const bad = await ws.run(["periods", "close", "2025-1"]);
    equal(bad.code, 1);
    match(bad.stderr, /^error: period '2025-1' is not a billing period\. Write it as YYYY-MM/);

    const list = (await ws.run(["periods", "list", "--json"])).json<
      { period: string; status: string; notes: string | null }[]
    >();
    deepEqual(list.map((p) => [p.period, p.status, p.notes]), [
      ["2025-02", "finalized", "sent"],
      ["2025-01", "open", null],
      ["2024-12", "finalized", null],
    ]);
    const db = ws.openDb();
    try {
      const audit = db.all<{ action: string; actor: string; details: string }>(
        "SELECT action, actor, details FROM audit_log WHERE action LIKE 'period.%' ORDER BY id",
      );
      deepEqual(audit.map((a) => a.action), ["period.close", "period.reopen", "period.finalize"]);
      match(audit[0].actor, /^cli:/);
      deepEqual(JSON.parse(audit[1].details), {
        before: "closed",
        after: "open",
        reason: "late credits",
        pendingReview: 3,
      });
    } finally {
      db.close();
    }
  } finally {
    await ws.cleanup();
  }
});

Deno.test("periods cli: --help on the command and each subcommand shows examples", async () => {
  const ws = await seededWorkspace(false);
  try {
    for (const sub of [[], ["list"], ["close"], ["reopen"], ["finalize"]]) {
      const r = await ws.run(["periods", ...sub, "--help"]);
      equal(r.code, 0);
      match(r.stdout, /Examples:\n {2}openchargeback periods /);
    }
  } finally {
    await ws.cleanup();
  }
});

Deno.test("periods cli: once statements exist, list gives their total and the rounding", async () => {
  const ws = await seededWorkspace();
  try {
    const gen = await ws.run(["generate", "-p", "2025-01", "--allow-pending", "--json"]);
    equal(gen.code, 0, gen.stderr);
    const statements = gen.json<{
      statements: { totals: { currency: string; billedCost: string }[] }[];
    }>().statements;
    // the statements' amounts due, each the exact sum of its charges rounded once, in cents
    let usdCents = 0;
    for (const st of statements) {
      for (const t of st.totals) {
        if (t.currency === "USD") usdCents += Math.round(Number(t.billedCost) * 100);
      }
    }
    const r = await ws.run(["periods", "list", "--json"]);
    const p = r.json<Record<string, unknown>[]>().find((x) => x.period === "2025-01")!;
    const s = p.statements as {
      count: number;
      totals: {
        currency: string;
        billedCost: string;
        chargesBilledCost: string;
        rounding: string;
      }[];
    };
    equal(s.count, statements.length);
    const usd = s.totals.find((t) => t.currency === "USD")!;
    equal(usd.chargesBilledCost, "135.095678");
    equal(Math.round(Number(usd.billedCost) * 100), usdCents);
    // rounding = statements - exact charges, to the micro-unit
    const micros = (d: string) =>
      BigInt(d.replace(".", "").replace(/^(-?)0+(?=\d)/, "$1")) *
      10n ** BigInt(6 - (d.split(".")[1]?.length ?? 0));
    equal(micros(usd.rounding), micros(usd.billedCost) - micros(usd.chargesBilledCost));
    const human = await ws.run(["periods", "list"]);
    match(
      human.stdout,
      new RegExp(
        `\\n2025-01 USD: statements ${
          usd.billedCost.replace(".", "\\.")
        } · charges 135\\.095678 · rounding [+-]?0\\.\\d+\\n`,
      ),
    );
  } finally {
    await ws.cleanup();
  }
});
