/**
 * getPeriod reads one period's figures (the rollups of that month only), so the dashboard,
 * its quick actions and the journal page do not add up every other month on each request.
 * Its answer must be exactly that period's entry of listPeriods, statements included.
 */

import { deepEqual, equal } from "node:assert/strict";
import { loadConfig } from "../src/config/mod.ts";
import { getPeriod, listPeriods, requirePeriodStatus } from "../src/periods/mod.ts";
import { openDatabase } from "../src/storage/mod.ts";
import { MONTH, runCli, tempWorkspace, write04Config } from "./cli_harness.ts";

Deno.test("getPeriod: one period's figures equal its entry of listPeriods (two months, statements)", async () => {
  const ws = await tempWorkspace("oc-one-period-");
  try {
    await write04Config(ws.dir);
    const cli = (...args: string[]) => runCli([...args, "-c", "config.yaml"], { cwd: ws.dir });
    for (const [file, source] of [["aws_2025-01.csv", "aws"], ["hpc_2025-12.csv", "hpc"]]) {
      const r = await cli("ingest", "--new-source", `${MONTH}${file}`, "-s", source);
      equal(r.code, 0, r.stderr);
    }
    const g = await cli("generate", "-p", "2025-01", "--allow-pending");
    equal(g.code, 0, g.stderr);
    const { config } = loadConfig(`${ws.dir}/config.yaml`, () => undefined);
    const db = openDatabase(config.database.path);
    try {
      const ctx = { config, configPath: null, db, actor: "test", now: () => new Date() };
      const all = listPeriods(ctx);
      deepEqual(all.map((p) => p.period), ["2025-12", "2025-01"]);
      for (const p of all) deepEqual(getPeriod(ctx, p.period), p);
      // the figures are there to compare: 8 AWS charges, billed 3,995.00 (tests/fixtures/month)
      const jan = getPeriod(ctx, "2025-01");
      equal(jan.charges, 8);
      equal((jan.statements?.count ?? 0) > 0, true);
      equal(requirePeriodStatus(ctx, "2025-12"), "open");
    } finally {
      db.close();
    }
  } finally {
    await ws.cleanup();
  }
});
