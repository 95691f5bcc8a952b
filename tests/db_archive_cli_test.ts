/**
 * `db archive --before`, reading the archive with `--archive FILE`, and `db unarchive`:
 * the round trip gives back the same figures, the archive refuses writes, open periods
 * stay, and an archive interrupted after writing the file finishes on the next run.
 */

import { deepEqual, equal, match } from "node:assert/strict";
import { runCli, tempWorkspace } from "./cli_harness.ts";
import { centsText, makeFocusFile } from "./hostile/focus_files.ts";

interface PeriodRow {
  period: string;
  status: string;
  charges: number;
}

async function workspace() {
  const ws = await tempWorkspace("oc-archive-");
  await Deno.writeTextFile(
    `${ws.dir}/config.yaml`,
    `database:\n  path: ${ws.dir}/instance/billing.db\n`,
  );
  const cli = (...args: string[]) => runCli([...args, "-c", "config.yaml"], { cwd: ws.dir });
  const files = [];
  for (const [period, seed] of [["2025-01", 1], ["2025-02", 2], ["2025-03", 3]] as const) {
    const f = makeFocusFile({ rows: 40, period, seed, pis: 3 });
    await Deno.writeTextFile(`${ws.dir}/f_${period}.csv`, f.text);
    const r = await cli("ingest", "--new-source", `f_${period}.csv`, "-s", "aws");
    equal(r.code, 0, r.stderr);
    files.push(f);
  }
  for (const p of ["2025-01", "2025-02"]) {
    equal((await cli("periods", "close", p)).code, 0);
    equal((await cli("periods", "finalize", p)).code, 0);
  }
  return { ...ws, cli, files, archive: `${ws.dir}/instance/billing-archive.db` };
}

function chargesOf(rows: PeriodRow[], period: string): number | undefined {
  return rows.find((r) => r.period === period)?.charges;
}

Deno.test("db archive moves finalized periods; --archive reads them; db unarchive brings them back", async () => {
  const ws = await workspace();
  try {
    const before = (await ws.cli("periods", "list", "--json")).json<PeriodRow[]>();
    const showBefore = await ws.cli("show", "pi0@example.edu", "-p", "2025-01", "--json");
    equal(showBefore.code, 0, showBefore.stderr);

    // 2025-03 is open: only the two finalized months before 2025-03 move
    const archived = await ws.cli("db", "archive", "--before", "2025-03", "--json");
    equal(archived.code, 0, archived.stderr);
    const a = archived.json<{ periods: string[]; rows: Record<string, number>; archive: string }>();
    deepEqual(a.periods, ["2025-01", "2025-02"]);
    equal(a.rows.charges, 80);
    equal(a.archive, ws.archive);

    const live = (await ws.cli("periods", "list", "--json")).json<PeriodRow[]>();
    equal(chargesOf(live, "2025-01"), 0);
    equal(chargesOf(live, "2025-02"), 0);
    equal(chargesOf(live, "2025-03"), 40);

    // the archive answers the read commands with the figures the live database had
    const inArchive = await ws.cli("periods", "list", "--json", "--archive", ws.archive);
    equal(inArchive.code, 0, inArchive.stderr);
    const archivedRows = inArchive.json<PeriodRow[]>();
    deepEqual(archivedRows.map((r) => [r.period, r.charges]), [["2025-02", 40], ["2025-01", 40]]);
    const text = await ws.cli("periods", "list", "--archive", ws.archive);
    match(
      text.stdout,
      new RegExp(centsText(ws.files[0].billedCents).replace(/\B(?=(\d{3})+\.)/g, ",")),
    );
    const showArchived = await ws.cli(
      "show",
      "pi0@example.edu",
      "-p",
      "2025-01",
      "--json",
      "--archive",
      ws.archive,
    );
    deepEqual(showArchived.json(), showBefore.json());

    // the archive is read-only: a write is refused in one line, nothing changes
    const write = await ws.cli(
      "ingest",
      "--new-source",
      "f_2025-03.csv",
      "-s",
      "aws",
      "--archive",
      ws.archive,
    );
    equal(write.code, 1);
    match(write.stderr, /^error: the archive is read-only/);
    equal(write.stderr.trim().split("\n").length, 1);

    // archiving again finds nothing new and keeps what the archive holds
    const again = await ws.cli("db", "archive", "--before", "2025-03", "--json");
    equal(again.code, 0, again.stderr);
    deepEqual(again.json<{ periods: string[] }>().periods, []);
    deepEqual(again.json<{ archivedPeriods: string[] }>().archivedPeriods, ["2025-01", "2025-02"]);

    // unarchive one month: the live figures are those of before, the archive keeps the other
    const back = await ws.cli("db", "unarchive", "--period", "2025-01", "--json");
    equal(back.code, 0, back.stderr);
    deepEqual(back.json<{ archivedPeriods: string[] }>().archivedPeriods, ["2025-02"]);
    const after = (await ws.cli("periods", "list", "--json")).json<PeriodRow[]>();
    deepEqual(
      after.find((r) => r.period === "2025-01"),
      before.find((r) => r.period === "2025-01"),
    );
    const showAfter = await ws.cli("show", "pi0@example.edu", "-p", "2025-01", "--json");
    deepEqual(showAfter.json(), showBefore.json());

    // a month the archive does not hold is refused by name
    const missing = await ws.cli("db", "unarchive", "--period", "2025-03");
    equal(missing.code, 1);
    match(missing.stderr, /does not hold 2025-03/);

    const audit = await ws.cli("audit", "list", "--json");
    const actions = audit.json<{ action: string }[]>().map((e) => e.action);
    equal(actions.filter((x) => x === "db.archive").length, 1);
    equal(actions.filter((x) => x === "db.unarchive").length, 1);
  } finally {
    await ws.cleanup();
  }
});

Deno.test("an archive whose live delete did not happen finishes on the next run, without duplicates", async () => {
  const ws = await workspace();
  try {
    // the state a crash between writing the archive and deleting the live rows leaves:
    // a backup from before the archive, restored after it
    equal((await ws.cli("db", "backup", "before.db")).code, 0);
    equal((await ws.cli("db", "archive", "--before", "2025-02")).code, 0);
    const restore = await ws.cli("db", "restore", "before.db");
    equal(restore.code, 0, restore.stderr);
    const live = (await ws.cli("periods", "list", "--json")).json<PeriodRow[]>();
    equal(chargesOf(live, "2025-01"), 40);

    const rerun = await ws.cli("db", "archive", "--before", "2025-02", "--json");
    equal(rerun.code, 0, rerun.stderr);
    equal(rerun.json<{ rows: Record<string, number> }>().rows.charges, 40);
    const archived = await ws.cli("periods", "list", "--json", "--archive", ws.archive);
    equal(chargesOf(archived.json<PeriodRow[]>(), "2025-01"), 40);
    equal(chargesOf((await ws.cli("periods", "list", "--json")).json<PeriodRow[]>(), "2025-01"), 0);
  } finally {
    await ws.cleanup();
  }
});
