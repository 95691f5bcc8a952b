import { deepEqual, equal, match } from "node:assert/strict";
import { seededWorkspace } from "./seed_charges.ts";

Deno.test("sources cli: list --json shape and exact totals; add is case-insensitive", async () => {
  const ws = await seededWorkspace();
  try {
    const dup = await ws.run(["sources", "add", "AWS"]);
    equal(dup.code, 1);
    equal(
      dup.stderr,
      "error: source 'AWS' already exists as 'aws' (AWS). Source names are compared without case; use the existing source.\n",
    );
    const add = await ws.run(["sources", "add", "Azure"]);
    equal(add.code, 0, add.stderr);
    equal(add.stdout, "added source azure (Azure).\n");
    const add2 = await ws.run(["sources", "add", "gcp", "--display-name", "Google Cloud"]);
    equal(add2.stdout, "added source gcp (Google Cloud).\n");

    const r = await ws.run(["sources", "list", "--json"]);
    equal(r.code, 0, r.stderr);
    const list = r.json<Record<string, unknown>[]>();
    deepEqual(
      list.map((s) => [s.name, s.displayName, s.lastImport, s.charges, s.billedCost]),
      [
        ["aws", "AWS", "2025-02-01T08:00:00.000Z", 8, null],
        ["azure", "Azure", null, 0, "0.00"],
        ["gcp", "Google Cloud", null, 0, "0.00"],
        ["hpc", "HPC", "2025-02-02T08:00:00.000Z", 3, "52.345678"],
      ],
    );
    deepEqual(list[0].totals, [
      { currency: "EUR", billedCost: "3.00", listCost: "4.00" },
      { currency: "USD", billedCost: "148.976111", listCost: "174.99" },
    ]);
    const human = await ws.run(["sources", "list"]);
    match(human.stdout, /^NAME +DISPLAY NAME +LAST IMPORT +CHARGES +BILLED\n/);
    match(human.stdout, /\nazure +Azure +never +0 +0\.00\n/);
    match(human.stdout, /\nhpc +HPC +2025-02-02T08:00:00\.000Z +3 +52\.35 USD\n/);

    const db = ws.openDb();
    try {
      const audit = db.all<{ actor: string; details: string }>(
        "SELECT actor, details FROM audit_log WHERE action = 'source.add' ORDER BY id",
      );
      deepEqual(audit.map((a) => JSON.parse(a.details).name), ["azure", "gcp"]);
      match(audit[0].actor, /^cli:/);
    } finally {
      db.close();
    }
    equal((await ws.run(["sources", "add"])).code, 2);
    for (const sub of [[], ["list"], ["add"]]) {
      const h = await ws.run(["sources", ...sub, "--help"]);
      equal(h.code, 0);
      match(h.stdout, /Examples:\n {2}openchargeback sources /);
    }
  } finally {
    await ws.cleanup();
  }
});
