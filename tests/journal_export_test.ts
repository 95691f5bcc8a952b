/** export-journal writing files, recording exports, and `journal list`. */

import { deepEqual, equal, match } from "node:assert/strict";
import { createHash } from "node:crypto";
import { parseConfigText } from "../src/config/mod.ts";
import { parseMicros } from "../src/domain/money.ts";
import { listJournalExports, previewJournal } from "../src/journal/mod.ts";
import { listAudit, openDatabase } from "../src/storage/mod.ts";
import { runCli, tempWorkspace } from "./cli_harness.ts";
import { JOURNAL_DATASET, journalTestConfig, seedCharges } from "./journal_seed.ts";

interface ExportJson {
  period: string;
  format: string;
  path: string;
  rows: number;
  debitTotal: string;
  creditTotal: string;
  checksum: string;
  pendingExcluded: number;
}

async function setup() {
  const ws = await tempWorkspace("oc-journal-export-");
  seedCharges(`${ws.dir}/db.sqlite`, JOURNAL_DATASET);
  await Deno.writeTextFile(`${ws.dir}/config.yaml`, journalTestConfig(ws.dir));
  return ws;
}

Deno.test("export-journal: default file, --json, atomic write, byte-identical re-export, journal list", async () => {
  const { dir, cleanup } = await setup();
  try {
    const first = await runCli([
      "export-journal",
      "-p",
      "2025-01",
      "--allow-pending",
      "-f",
      "gl",
      "--json",
    ], {
      cwd: dir,
    });
    equal(first.code, 0, first.stderr);
    match(
      first.stderr,
      /^note: 1 charge awaiting review is not in this journal \(--allow-pending\)\.\n$/,
    );
    const a = first.json<ExportJson>();
    equal(a.path, `${dir}/journals/journal_2025-01_20250203_100000.csv`);
    deepEqual(
      [a.period, a.format, a.rows, a.debitTotal, a.creditTotal, a.pendingExcluded],
      ["2025-01", "gl", 8, "1427.36", "1427.36", 1],
    );
    const content = await Deno.readTextFile(a.path);
    equal(a.checksum, createHash("sha256").update(content).digest("hex"));
    equal(content.split("\n")[0].startsWith("Line,Type,Fund/Org,orgn,fund,Account"), true);

    // same clock, same data: a second file, byte-identical content
    const second = await runCli([
      "export-journal",
      "-p",
      "2025-01",
      "--allow-pending",
      "-f",
      "gl",
      "--json",
    ], {
      cwd: dir,
    });
    const b = second.json<ExportJson>();
    equal(b.path, `${dir}/journals/journal_2025-01_20250203_100000_2.csv`);
    equal(b.checksum, a.checksum);
    equal(await Deno.readTextFile(b.path), content);
    // atomic write: only the two journals, no temp file left behind
    const names = [...Deno.readDirSync(`${dir}/journals`)].map((e) => e.name).sort();
    deepEqual(names, [
      "journal_2025-01_20250203_100000.csv",
      "journal_2025-01_20250203_100000_2.csv",
    ]);

    // an explicit -o file and stdout are recorded too
    const toFile = await runCli([
      "export-journal",
      "-p",
      "2025-01",
      "--allow-pending",
      "-o",
      "out/detail.csv",
    ], {
      cwd: dir,
    });
    equal(toFile.code, 0, toFile.stderr);
    match(toFile.stdout, /detail journal of 2025-01, 7 rows from 7 charges, debits 1427.36/);
    equal((await Deno.readTextFile(`${dir}/out/detail.csv`)).split("\n").length, 10);
    const toStdout = await runCli([
      "export-journal",
      "-p",
      "2025-01",
      "--allow-pending",
      "-f",
      "summary",
      "-o",
      "-",
    ], {
      cwd: dir,
    });
    equal(
      toStdout.stdout.split("\n")[0],
      "PI Email,Project ID,Fund/Org,Currency,Charges,List,Discount,Billed",
    );

    const list = await runCli(["journal", "list", "-p", "2025-01", "--json"], { cwd: dir });
    equal(list.code, 0, list.stderr);
    const rows = list.json<
      {
        format: string;
        path: string | null;
        rows: number;
        debitTotal: string;
        checksum: string;
        exportedBy: string;
        exportedAt: string;
      }[]
    >();
    deepEqual(rows.map((r) => [r.format, r.rows, r.debitTotal]), [
      ["summary", 3, "1427.36"],
      ["detail", 7, "1427.36"],
      ["gl", 8, "1427.36"],
      ["gl", 8, "1427.36"],
    ]);
    equal(rows[0].path, null);
    equal(rows[1].path, `${dir}/out/detail.csv`);
    equal(rows[3].checksum, a.checksum);
    equal(rows[3].exportedAt, "2025-02-03T10:00:00.000Z");
    match(rows[3].exportedBy, /^cli:/);
    const text = await runCli(["journal", "list", "-p", "2025-01"], { cwd: dir });
    equal(text.stdout.trim().split("\n").length, 5);
    match(text.stdout, /\(stdout\)/);
    const none = await runCli(["journal", "list", "-p", "2024-12"], { cwd: dir });
    equal(none.stdout.trim(), "no journal exports for 2024-12");

    const db = openDatabase(`${dir}/db.sqlite`);
    try {
      const audits = listAudit(db, { action: "journal.export" });
      equal(audits.length, 4);
      equal(JSON.parse(audits[3].details ?? "{}").checksum, a.checksum);
    } finally {
      db.close();
    }
  } finally {
    await cleanup();
  }
});

Deno.test("export-journal: usage conflicts exit 2, unknown period exits 1, nothing recorded", async () => {
  const { dir, cleanup } = await setup();
  try {
    const both = await runCli([
      "export-journal",
      "-p",
      "2025-01",
      "--allow-pending",
      "-o",
      "-",
      "--json",
    ], {
      cwd: dir,
    });
    equal(both.code, 2);
    match(both.stderr, /-o - \(journal on stdout\) and --json cannot be combined/);
    const tpl = await runCli([
      "export-journal",
      "-p",
      "2025-01",
      "--allow-pending",
      "-f",
      "gl",
      "--template",
      "x",
    ], {
      cwd: dir,
    });
    equal(tpl.code, 2);
    equal(
      (await runCli(["export-journal", "-p", "2025-01", "--allow-pending", "-f", "pdf"], {
        cwd: dir,
      })).code,
      2,
    );
    const missing = await runCli(["export-journal", "-p", "2025-03"], { cwd: dir });
    equal(missing.code, 1);
    match(missing.stderr, /^error: period 2025-03 has no charges in the database/);
    const badPeriod = await runCli(["export-journal", "-p", "2025-13"], { cwd: dir });
    equal(badPeriod.code, 1);
    const list = await runCli(["journal", "list", "--json"], { cwd: dir });
    deepEqual(list.json(), []);
  } finally {
    await cleanup();
  }
});

Deno.test("export-journal: each fund/org's GL debit equals the sum of its project statements", async () => {
  const { dir, cleanup } = await setup();
  try {
    const gl = await runCli([
      "export-journal",
      "-p",
      "2025-01",
      "--allow-pending",
      "-f",
      "gl",
      "-o",
      "-",
    ], {
      cwd: dir,
    });
    const summary = await runCli([
      "export-journal",
      "-p",
      "2025-01",
      "--allow-pending",
      "-f",
      "summary",
      "-o",
      "-",
    ], {
      cwd: dir,
    });
    const cents = (s: string) => parseMicros(s)! / 10_000;
    const debitByFund = new Map<string, number>();
    for (const line of gl.stdout.trim().split("\n").slice(1)) {
      const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ""));
      if (cells[1] !== "Debit") continue;
      debitByFund.set(cells[2], (debitByFund.get(cells[2]) ?? 0) + cents(cells[8]));
    }
    const statementByFund = new Map<string, number>();
    for (const line of summary.stdout.trim().split("\n").slice(1)) {
      const c = line.split(",");
      statementByFund.set(c[2], (statementByFund.get(c[2]) ?? 0) + cents(c[7]));
    }
    deepEqual(
      [...debitByFund.entries()].sort(),
      [["BIO-2024-001", 109751], ["DOE-SC-2024", 27200], ["NSF-ATM-2024", 5785]],
    );
    deepEqual([...statementByFund.entries()].sort(), [...debitByFund.entries()].sort());
  } finally {
    await cleanup();
  }
});

Deno.test("previewJournal: first rows and totals, nothing written or recorded", async () => {
  const { dir, cleanup } = await setup();
  try {
    const { config } = parseConfigText(
      await Deno.readTextFile(`${dir}/config.yaml`),
      `${dir}/config.yaml`,
    );
    const db = openDatabase(`${dir}/db.sqlite`);
    const ctx = {
      config,
      configPath: `${dir}/config.yaml`,
      db,
      actor: "test",
      now: () => new Date("2025-02-03T10:00:00Z"),
    };
    try {
      const p = await previewJournal(ctx, { period: "2025-01", format: "gl" }, 2);
      deepEqual(
        [p.rows, p.debitTotal, p.creditTotal, p.lines.length, p.truncated],
        [8, "1427.36", "1427.36", 3, true],
      );
      match(p.lines[1], /^1,Debit,BIO-2024-001,BIO,2024-001,4500,AWS,USD,1072\.51,,/);
      const golden = await Deno.readTextFile(new URL("./golden/journal/gl.csv", import.meta.url));
      equal(p.checksum, createHash("sha256").update(golden).digest("hex"));
      deepEqual(listJournalExports(ctx), []);
    } finally {
      db.close();
    }
  } finally {
    await cleanup();
  }
});
