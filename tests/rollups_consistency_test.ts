/**
 * The charge rollups (migration 0006) always equal a GROUP BY over the charges,
 * through the real CLI: first imports, a redelivery with changed, removed and
 * added rows, --append, an unchanged re-import, approve and reject (by id and
 * for a whole period). After each step `periods list --json` shows the figures
 * the charges themselves give (the query it ran before the rollups existed).
 */

import { deepEqual, equal } from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { microsToDecimal } from "../src/domain/money.ts";
import { MONTH, runCli, tempWorkspace, write04Config } from "./cli_harness.ts";

const KEY = `period, source_id, pi_email, pi_name, project_id, fund_org, service_name,
  billing_currency, review_status`;

type Row = Record<string, unknown>;

function query(dbPath: string, sql: string): Row[] {
  const db = new DatabaseSync(dbPath, { readOnly: true });
  try {
    return db.prepare(sql).all() as Row[];
  } finally {
    db.close();
  }
}

/** Assert the rollups equal a GROUP BY over charges; returns the number of groups. */
function assertRollupsExact(dbPath: string, step: string): number {
  const stored = query(
    dbPath,
    `SELECT ${KEY}, charges, billed_cost, list_cost FROM charge_rollups ORDER BY ${KEY}`,
  );
  const computed = query(
    dbPath,
    `SELECT ${KEY}, count(*) AS charges, sum(billed_cost) AS billed_cost,
       sum(list_cost) AS list_cost FROM charges GROUP BY ${KEY} ORDER BY ${KEY}`,
  );
  deepEqual(stored, computed, `rollups differ from the charges after ${step}`);
  return stored.length;
}

/** What `periods list --json` shows, read from the charges instead of the rollups. */
function periodsFromCharges(dbPath: string) {
  const counts = query(
    dbPath,
    `SELECT p.period, coalesce(c.n, 0) AS charges, coalesce(c.flagged, 0) AS flagged
     FROM periods p LEFT JOIN (SELECT period, count(*) AS n, sum(review_status = 'pending') AS flagged
       FROM charges WHERE review_status != 'rejected' GROUP BY period) c ON c.period = p.period
     ORDER BY p.period DESC`,
  );
  const money = query(
    dbPath,
    // billed figures count the billable charges only (pending ones are shown apart)
    `SELECT period, billing_currency AS currency,
       coalesce(sum(CASE WHEN review_status IN ('none', 'approved') THEN billed_cost END), 0) AS billed,
       coalesce(sum(CASE WHEN review_status IN ('none', 'approved') THEN list_cost END), 0) AS list
     FROM charges WHERE review_status != 'rejected'
     GROUP BY period, billing_currency ORDER BY period DESC, billing_currency`,
  );
  return counts.map((c) => {
    const m = money.filter((r) => r.period === c.period);
    return {
      period: c.period,
      charges: c.charges,
      flagged: c.flagged,
      billedCost: m.length === 1 ? microsToDecimal(m[0].billed as number) : null,
      listCost: m.length === 1 ? microsToDecimal(m[0].list as number) : null,
    };
  });
}

async function workspace() {
  const ws = await tempWorkspace("oc-rollups-");
  const config = await write04Config(ws.dir);
  const text = await Deno.readTextFile(config);
  await Deno.writeTextFile(
    config,
    text.replace("flag_patterns: []", 'flag_patterns: ["gpu-train", "Glacier", "protein-fold-01"]'),
  );
  const dbPath = `${ws.dir}/instance/billing.db`;
  const run = async (args: string[]) => {
    const r = await runCli([...args, "-c", "config.yaml"], { cwd: ws.dir });
    equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
    return r;
  };
  /** periods list --json (the contract fields) equals the figures from the charges. */
  const periods = async () => {
    const list = (await run(["periods", "list", "--json"])).json<Row[]>();
    const shown = list.map((p) => ({
      period: p.period,
      charges: p.charges,
      flagged: p.flagged,
      billedCost: p.billedCost,
      listCost: p.listCost,
    }));
    deepEqual(shown, periodsFromCharges(dbPath));
    return shown;
  };
  return { ...ws, dbPath, run, periods };
}

function pendingIds(dbPath: string): number[] {
  return query(dbPath, "SELECT id FROM charges WHERE review_status = 'pending' ORDER BY id")
    .map((r) => r.id as number);
}

Deno.test("rollups: equal a GROUP BY over charges after imports, redelivery, --append and reviews", async () => {
  const ws = await workspace();
  try {
    // first imports: three sources, one period (aws 8 rows 3,995.00 / 4,700.00, hpc 4 rows
    // 0.00 / 1,760.00, storage 6 rows 65.00 / 240.00); gpu-train-01, protein-fold-01 and S3 Glacier flagged
    for (const [file, source] of [["aws", "aws"], ["hpc", "hpc"], ["storage", "storage"]]) {
      await ws.run(["ingest", "--new-source", `${MONTH}${file}_2025-01.csv`, "-s", source]);
    }
    equal(assertRollupsExact(ws.dbPath, "first imports") > 0, true);
    const first = await ws.periods();
    deepEqual(first, [
      // 4,060.00 / 6,700.00 less the 3 flagged charges awaiting review (gpu-train-01 1,700.00 /
      // 2,000.00, S3 Glacier 102.00 / 120.00, protein-fold-01 850.00 / 1,000.00)
      { period: "2025-01", charges: 18, flagged: 3, billedCost: "1408.00", listCost: "3580.00" },
    ]);

    // redelivery with changes: a cost changed, a row removed, a PI changed, a row added
    const lines = (await Deno.readTextFile(`${MONTH}aws_2025-01.csv`)).split("\n");
    const changed = [...lines];
    changed[1] = changed[1].replace("850.00,850.00,850.00", "850.00,800.00,850.00");
    changed.splice(4, 1);
    changed[5] = changed[5].replace(
      /""pi_email"": ""[^"]+""/,
      '""pi_email"": ""new.pi@northfield.edu""',
    );
    changed.push(changed[2].replace("510.00,510.00,510.00", "510.00,10.25,510.00"));
    await Deno.writeTextFile(`${ws.dir}/aws_v2.csv`, changed.filter((l) => l).join("\n") + "\n");
    const re = (await ws.run(["ingest", "--new-source", "aws_v2.csv", "-s", "aws", "--json"])).json<
      Row
    >();
    deepEqual([re.status, re.added, re.removed, re.unchanged], ["imported", 3, 3, 5]);
    assertRollupsExact(ws.dbPath, "redelivery with changes");
    await ws.periods();

    // --append: a new row in 2025-01 and one in a new period
    const head = lines[0];
    const extra = [
      lines[1].replace("850.00,850.00,850.00", "850.00,5.55,850.00"),
      lines[1].replaceAll("2025-01-31", "2025-02-28").replaceAll("2025-01-", "2025-02-"),
    ];
    await Deno.writeTextFile(`${ws.dir}/aws_more.csv`, [head, ...extra].join("\n") + "\n");
    const ap =
      (await ws.run(["ingest", "--new-source", "aws_more.csv", "-s", "aws", "--append", "--json"]))
        .json<Row>();
    deepEqual([ap.status, ap.added, ap.removed], ["imported", 2, 0]);
    assertRollupsExact(ws.dbPath, "--append");
    const appended = await ws.periods();
    equal(appended.length, 2);

    // the same delivery again: nothing changes
    const same =
      (await ws.run(["ingest", "--new-source", "aws_more.csv", "-s", "aws", "--append", "--json"]))
        .json<Row>();
    equal(same.status, "unchanged");
    assertRollupsExact(ws.dbPath, "unchanged re-import");

    // review: approve one, reject one, then approve the rest of the period
    const pending = pendingIds(ws.dbPath);
    equal(pending.length >= 3, true, `pending: ${pending}`);
    await ws.run(["review", "approve", "--id", String(pending[0]), "--note", "ok"]);
    assertRollupsExact(ws.dbPath, "approve");
    await ws.periods();
    await ws.run(["review", "reject", "--id", String(pending[1]), "--note", "not ours"]);
    assertRollupsExact(ws.dbPath, "reject");
    const afterReject = await ws.periods();
    await ws.run(["review", "approve", "-p", "2025-01", "--note", "bulk"]);
    assertRollupsExact(ws.dbPath, "approve a period");
    const done = await ws.periods();
    equal(done.find((p) => p.period === "2025-01")!.flagged, 0);
    equal(
      done.find((p) => p.period === "2025-01")!.charges,
      afterReject.find((p) => p.period === "2025-01")!.charges,
    );

    // a redelivery keeps review decisions: the rollups keep the approved/rejected buckets
    await ws.run(["ingest", "--new-source", `${MONTH}aws_2025-01.csv`, "-s", "aws"]);
    assertRollupsExact(ws.dbPath, "redelivery after reviews");
    await ws.periods();
  } finally {
    await ws.cleanup();
  }
});
