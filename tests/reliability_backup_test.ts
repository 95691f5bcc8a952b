/**
 * `db backup` (online, consistent, while `serve` runs and an ingest writes),
 * `db verify`, `db restore` (refused while serving; then the same figures come
 * out) and the refusals of damaged, foreign and newer files.
 */

import { deepEqual, equal, match, notEqual } from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { MONTH, runCli, tempWorkspace, write04Config } from "./cli_harness.ts";
import { makeFocusFile } from "./hostile/focus_files.ts";
import { startServe } from "./hostile/serve_process.ts";

interface Counts {
  charges: number;
  imports: number;
  auditEntries: number;
  statements: number;
}

async function workspace() {
  const ws = await tempWorkspace("oc-backup-");
  await write04Config(ws.dir);
  const cli = (...args: string[]) => runCli([...args, "-c", "config.yaml"], { cwd: ws.dir });
  const figures = async () => {
    const periods = await cli("periods", "list", "--json");
    const sources = await cli("sources", "list", "--json");
    const show = await cli("show", "ada.quill@northfield.edu", "-p", "2025-01", "--json");
    equal(periods.code + sources.code + show.code, 0, periods.stderr + sources.stderr);
    return { periods: periods.json(), sources: sources.json(), show: show.json() };
  };
  return { ...ws, cli, figures, db: `${ws.dir}/instance/billing.db` };
}

Deno.test("db backup is online and consistent; restore is refused while serving, then gives the same figures", async () => {
  const ws = await workspace();
  try {
    for (const f of ["aws_2025-01.csv", "hpc_2025-01.csv"]) {
      const r = await ws.cli("ingest", "--new-source", `${MONTH}${f}`, "-s", f.split("_")[0]);
      equal(r.code, 0, r.stderr);
    }
    const before = await ws.figures();
    const server = await startServe(ws.dir, "config.yaml");
    let restoreWhileServing;
    try {
      // a backup while the server runs and another process writes 20,000 rows
      const big = makeFocusFile({ rows: 20_000, period: "2025-03", seed: 7 });
      await Deno.writeTextFile(`${ws.dir}/big.csv`, big.text);
      const ingest = ws.cli("ingest", "--new-source", "big.csv", "-s", "big");
      const backup = await ws.cli("db", "backup", "backups/b1.db", "--json");
      equal(backup.code, 0, backup.stderr);
      const b = backup.json<{ path: string; schemaVersion: number; counts: Counts }>();
      equal(b.path, `${ws.dir}/backups/b1.db`);
      // the snapshot is one moment: before the big delivery or after all of it
      const snapshotCharges = b.counts.charges;
      const base = (before.periods as { charges: number }[]).reduce((s, p) => s + p.charges, 0);
      equal([base, base + 20_000].includes(snapshotCharges), true, `${snapshotCharges}`);
      equal((await ingest).code, 0);
      // the same path again is refused, the live database cannot be the target
      const again = await ws.cli("db", "backup", "backups/b1.db");
      equal(again.code, 1);
      match(again.stderr, /^error: backups\/b1\.db already exists\. .*--force/);
      const live = await ws.cli("db", "backup", "instance/billing.db");
      equal(live.code, 1);
      match(live.stderr, /cannot overwrite the live database/);
      restoreWhileServing = await ws.cli("db", "restore", "backups/b1.db");
      // the server kept answering
      equal((await fetch(`${server.url}/health`)).status, 200);
    } finally {
      const stopped = await server.stop();
      equal(stopped.code, 0, stopped.stderr);
    }
    equal(restoreWhileServing.code, 1);
    match(restoreWhileServing.stderr, /the database .*billing\.db is in use by another process/);
    match(restoreWhileServing.stderr, /Stop `openchargeback serve`/);
    equal(restoreWhileServing.stderr.trim().split("\n").length, 1);

    // a backup of the known state, then changes, then restore
    const b2 = await ws.cli("db", "backup", "backups/b2.db", "--json");
    equal(b2.code, 0, b2.stderr);
    const known = await ws.figures();
    notEqual(JSON.stringify(known.periods), JSON.stringify(before.periods));
    equal(
      (await ws.cli("ingest", "--new-source", `${MONTH}azure_2025-01.csv`, "-s", "azure")).code,
      0,
    );
    equal((await ws.cli("periods", "close", "2025-01")).code, 0);
    const verify = await ws.cli("db", "verify", "backups/b2.db", "--json");
    equal(verify.code, 0, verify.stderr);
    deepEqual(verify.json<{ counts: Counts }>().counts, b2.json<{ counts: Counts }>().counts);

    const restore = await ws.cli("db", "restore", "backups/b2.db", "--json");
    equal(restore.code, 0, restore.stderr);
    const r = restore.json<{ previousSavedAs: string; schemaVersion: number; counts: Counts }>();
    match(r.previousSavedAs, /instance\/billing\.db\.before-restore-20250203T100000Z$/);
    deepEqual(await ws.figures(), known);
    // the replaced database was kept whole (azure and the closed period are in it)
    const kept = await ws.cli("db", "verify", r.previousSavedAs, "--json");
    equal(kept.code, 0, kept.stderr);
    equal(
      kept.json<{ counts: Counts }>().counts.charges,
      r.counts.charges + 3, // azure_2025-01.csv has 3 rows
    );
    // audited in the restored database; the next command works
    const audit = await ws.cli("audit", "list", "--limit", "1", "--json");
    const [last] = audit.json<{ action: string; details: { from: string } }[]>();
    equal(last.action, "db.restore");
    equal(last.details.from, `${ws.dir}/backups/b2.db`);
    const next = await ws.cli(
      "ingest",
      "--new-source",
      `${MONTH}azure_2025-01.csv`,
      "-s",
      "azure",
      "--json",
    );
    equal(next.code, 0, next.stderr);
    equal(next.json<{ added: number }>().added, 3);
  } finally {
    await ws.cleanup();
  }
});

Deno.test("db restore and verify refuse missing, foreign, damaged and newer files; the live database is untouched", async () => {
  const ws = await workspace();
  try {
    equal((await ws.cli("ingest", "--new-source", `${MONTH}aws_2025-01.csv`, "-s", "aws")).code, 0);
    equal((await ws.cli("db", "backup", "good.db")).code, 0);
    const before = await ws.figures();
    await Deno.writeTextFile(`${ws.dir}/text.db`, "BillingPeriodStart,BilledCost\n".repeat(20));
    // damaged: garbage over the middle of the file
    const bytes = await Deno.readFile(`${ws.dir}/good.db`);
    const page = 4096;
    for (let i = 2 * page; i < 6 * page; i++) bytes[i] = (i * 7) & 0xff;
    await Deno.writeFile(`${ws.dir}/damaged.db`, bytes);
    // newer: a schema version this program does not have
    await Deno.copyFile(`${ws.dir}/good.db`, `${ws.dir}/newer.db`);
    const newer = new DatabaseSync(`${ws.dir}/newer.db`);
    newer.exec("INSERT INTO schema_migrations VALUES (99, 'future', 'x', '2030-01-01')");
    newer.close();
    // foreign: an SQLite file that is not ours
    const foreign = new DatabaseSync(`${ws.dir}/foreign.db`);
    foreign.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)");
    foreign.close();
    const cases: [string, RegExp][] = [
      ["missing.db", /backup file not found: missing\.db/],
      ["text.db", /text\.db is not an SQLite database/],
      ["damaged.db", /damaged\.db (is damaged|is not a readable SQLite database)/],
      ["newer.db", /newer\.db has schema version 99, newer than this program's \d+/],
      ["foreign.db", /foreign\.db is not an OpenChargeback database/],
      ["instance/billing.db", /is the live database itself/],
    ];
    for (const [file, message] of cases) {
      for (const cmd of file.startsWith("instance") ? ["restore"] : ["verify", "restore"]) {
        const r = await ws.cli("db", cmd, file);
        equal(r.code, 1, `${cmd} ${file}: ${r.stderr}`);
        match(r.stderr, message);
        equal(r.stderr.trim().split("\n").length, 1, r.stderr);
        equal(r.stderr.includes("    at "), false);
      }
    }
    deepEqual(await ws.figures(), before);
    const saved = [...Deno.readDirSync(`${ws.dir}/instance`)].filter((e) =>
      e.name.includes("before-restore") || e.name.includes("restoring")
    );
    deepEqual(saved, []);
  } finally {
    await ws.cleanup();
  }
});

Deno.test("audit list filters by actor, action, period, dates and limit; the log cannot be changed", async () => {
  const ws = await workspace();
  try {
    equal((await ws.cli("ingest", "--new-source", `${MONTH}aws_2025-01.csv`, "-s", "aws")).code, 0);
    equal((await ws.cli("ingest", "--new-source", `${MONTH}hpc_2025-12.csv`, "-s", "hpc")).code, 0);
    equal((await ws.cli("periods", "close", "2025-01")).code, 0);
    type Entry = { id: number; actor: string; action: string; period: string | null };
    const list = async (...args: string[]) => {
      const r = await ws.cli("audit", "list", "--json", ...args);
      equal(r.code, 0, r.stderr);
      return r.json<Entry[]>();
    };
    const all = await list();
    deepEqual(all.map((e) => e.action), [
      "period.close",
      "import",
      "source.add",
      "import",
      "source.add",
    ]);
    deepEqual(all.map((e) => e.id), [5, 4, 3, 2, 1].map((n) => n + all[4].id - 1));
    deepEqual((await list("--action", "import")).map((e) => e.period), ["2025-12", "2025-01"]);
    deepEqual((await list("--action", "period")).map((e) => e.action), ["period.close"]);
    deepEqual((await list("--period", "2025-01")).map((e) => e.action), [
      "period.close",
      "import",
    ]);
    equal((await list("--actor", all[0].actor)).length, 5);
    equal((await list("--actor", "web:nobody")).length, 0);
    equal((await list("--limit", "2")).length, 2);
    // the harness pins the clock to 2025-02-03T10:00:00Z
    equal((await list("--from", "2025-02-03", "--to", "2025-02-03")).length, 5);
    equal((await list("--to", "2025-02-03T10:00:00Z")).length, 0);
    equal((await list("--from", "2025-02-04")).length, 0);
    const human = await ws.cli("audit", "list", "--action", "period.close");
    equal(human.code, 0);
    match(human.stdout, /^ *ID {2}AT +ACTOR +ACTION/);
    match(human.stdout, /period\.close +period 2025-01 +2025-01/);
    for (
      const bad of [["--limit", "0"], ["--period", "2025-13"], ["--from", "yesterday"], [
        "--from",
        "2025-03-01",
        "--to",
        "2025-02-01",
      ]]
    ) {
      const r = await ws.cli("audit", "list", ...bad);
      equal(r.code, 1, bad.join(" "));
      equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    }
    // no command changes the log: `audit` only lists; the database refuses UPDATE/DELETE
    const help = await ws.cli("audit", "--help");
    const commands = help.stdout.split("Commands:")[1].split("\n\n")[0];
    deepEqual([...commands.matchAll(/^ {2}(\w+)/gm)].map((m) => m[1]), ["list", "help"]);
    const db = new DatabaseSync(ws.db);
    try {
      for (const sql of ["UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"]) {
        let message = "";
        try {
          db.exec(sql);
        } catch (e) {
          message = (e as Error).message;
        }
        match(message, /the audit log is append-only/);
      }
    } finally {
      db.close();
    }
    equal((await list()).length, 5);
  } finally {
    await ws.cleanup();
  }
});
