/**
 * Crash safety: the real CLI killed with SIGKILL at seeded random moments
 * during `ingest` (a 20,000-row redelivery), `generate` and `export-journal`.
 * Afterwards the database passes PRAGMA integrity_check, holds exactly the
 * state before or the complete new one, records and files agree, and the
 * next command works without repair.
 *
 * CI: 20 ingest kills, 8 generate kills, 10 journal kills (seed 1).
 * OC_LONG_TESTS=1: 100 / 30 / 30. OC_CRASH_SEED=n changes the moments.
 */

import { equal, notEqual } from "node:assert/strict";
import { createHash } from "node:crypto";
import { tempWorkspace, write04Config } from "./cli_harness.ts";
import { runCliTimed } from "./hostile/cli_timed.ts";
import { queryDb as sql, readDbState } from "./hostile/db_state.ts";
import { runAndKill } from "./hostile/run_and_kill.ts";
import { FOCUS_HEADER, makeFocusFile } from "./hostile/focus_files.ts";
import { seededRandom } from "./hostile/seeded_random.ts";

const LONG = Deno.env.get("OC_LONG_TESTS") === "1";
const SEED = Number(Deno.env.get("OC_CRASH_SEED") ?? "1");

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

Deno.test("crash safety: ingest killed at random moments leaves the old delivery or the whole new one", async () => {
  const trials = LONG ? 100 : 20;
  const ws = await tempWorkspace("oc-crash-ingest-");
  try {
    await write04Config(ws.dir);
    const db = `${ws.dir}/instance/billing.db`;
    const a = makeFocusFile({ rows: 20_000, period: "2025-06", seed: 11, resourcePrefix: "a" });
    const c = makeFocusFile({ rows: 20_000, period: "2025-06", seed: 12, resourcePrefix: "b" });
    // B: the first half of A, the second half of C (a redelivery with 10,000 changed rows)
    const b = [
      FOCUS_HEADER,
      ...a.text.split("\n").slice(1, 10_001),
      ...c.text.split("\n").slice(10_001),
    ]
      .join("\n");
    await Deno.writeTextFile(`${ws.dir}/a.csv`, a.text);
    await Deno.writeTextFile(`${ws.dir}/b.csv`, b);
    const ingest = (f: string) => ["ingest", "--new-source", f, "-s", "crash", "-c", "config.yaml"];
    equal((await runCliTimed(ingest("a.csv"), ws.dir)).code, 0);
    const stateA = readDbState(db, "crash");
    equal(stateA.charges, 20_000);
    equal(stateA.billedMicros, a.billedCents * 10_000);
    const [full, fullMs] = await timed(() => runCliTimed(ingest("b.csv"), ws.dir));
    equal(full.code, 0, full.stderr);
    const stateB = readDbState(db, "crash");
    equal(stateB.charges, 20_000);
    notEqual(stateB.digest, stateA.digest);
    const rnd = seededRandom(SEED);
    let current = stateB;
    const outcome = { keptOld: 0, committed: 0, finished: 0 };
    for (let t = 0; t < trials; t++) {
      const target = current.digest === stateA.digest ? "b.csv" : "a.csv";
      const wanted = target === "a.csv" ? stateA : stateB;
      const delay = fullMs * (0.2 + rnd.next() * 0.9);
      const r = await runAndKill(ingest(target), ws.dir, delay);
      const now = readDbState(db, "crash");
      const label = `trial ${t} (kill after ${Math.round(delay)} ms, exit ${r.code})`;
      equal(now.integrity, "ok", label);
      if (!r.killed) equal(r.code, 0, `${label}: ${r.stderr}`);
      equal(
        [current.digest, wanted.digest].includes(now.digest),
        true,
        `${label}: a partial delivery`,
      );
      equal(
        now.billedMicros,
        now.digest === stateA.digest ? stateA.billedMicros : stateB.billedMicros,
      );
      // records agree: every charge's delivery is recorded, every delivery audited
      const [orphans] = sql<{ n: number }>(
        db,
        "SELECT count(*) AS n FROM charges WHERE import_id NOT IN (SELECT id FROM imports)",
      );
      equal(orphans.n, 0, label);
      const [audit] = sql<{ imports: number; audited: number }>(
        db,
        `SELECT
        (SELECT count(*) FROM imports) AS imports,
        (SELECT count(*) FROM audit_log WHERE action = 'import') AS audited`,
      );
      equal(audit.audited, audit.imports, label);
      if (!r.killed) outcome.finished++;
      else if (now.digest === wanted.digest) outcome.committed++;
      else outcome.keptOld++;
      current = now;
    }
    // the next command works without repair
    const target = current.digest === stateA.digest ? "b.csv" : "a.csv";
    const next = await runCliTimed([...ingest(target), "--json"], ws.dir);
    equal(next.code, 0, next.stderr);
    equal(next.json<{ rows: number }>().rows, 20_000);
    equal((await runCliTimed(["periods", "list", "-c", "config.yaml"], ws.dir)).code, 0);
    console.log(`crash ingest: ${trials} kills (seed ${SEED}): ${JSON.stringify(outcome)}`);
    equal(outcome.keptOld > 0, true, "no kill landed before the commit: the delays are wrong");
  } finally {
    await ws.cleanup();
  }
});

function isCompletePdf(path: string): boolean {
  const bytes = Deno.readFileSync(path);
  const head = new TextDecoder().decode(bytes.subarray(0, 5));
  const tail = new TextDecoder().decode(bytes.subarray(Math.max(0, bytes.length - 32))).trimEnd();
  return head === "%PDF-" && tail.endsWith("%%EOF");
}

function finalPdfs(dir: string): string[] {
  try {
    return [...Deno.readDirSync(dir)].filter((e) =>
      e.isFile && e.name.endsWith(".pdf") && !e.name.startsWith(".")
    )
      .map((e) => `${dir}/${e.name}`).sort();
  } catch {
    return [];
  }
}

Deno.test("crash safety: generate killed at random moments: all statements or none, no half-written PDF", async () => {
  const trials = LONG ? 30 : 8;
  const ws = await tempWorkspace("oc-crash-generate-");
  try {
    await write04Config(ws.dir);
    const db = `${ws.dir}/instance/billing.db`;
    const pdfDir = `${ws.dir}/instance/output/pdfs/2025-05`;
    const f = makeFocusFile({ rows: 1200, period: "2025-05", seed: 5, pis: 6 });
    await Deno.writeTextFile(`${ws.dir}/g.csv`, f.text);
    equal(
      (await runCliTimed(
        ["ingest", "--new-source", "g.csv", "-s", "gen", "-c", "config.yaml"],
        ws.dir,
      )).code,
      0,
    );
    await Deno.copyFile(db, `${ws.dir}/base.db`); // the CLI closed it: one complete file
    const generate = ["generate", "-p", "2025-05", "-c", "config.yaml"];
    const [full, fullMs] = await timed(() => runCliTimed(generate, ws.dir));
    equal(full.code, 0, full.stderr);
    const statements = () => sql<{ pdf_path: string }>(db, "SELECT pdf_path FROM statements");
    const n = statements().length;
    equal(n, 6);
    const rnd = seededRandom(SEED + 1);
    const outcome = { none: 0, all: 0, finished: 0, renamesPending: 0 };
    for (let t = 0; t < trials; t++) {
      for (const s of ["", "-wal", "-shm"]) await Deno.remove(`${db}${s}`).catch(() => {});
      await Deno.remove(`${ws.dir}/instance/output`, { recursive: true }).catch(() => {});
      await Deno.copyFile(`${ws.dir}/base.db`, db);
      const delay = fullMs * (0.2 + rnd.next() * 0.9);
      const r = await runAndKill(generate, ws.dir, delay);
      const label = `trial ${t} (kill after ${Math.round(delay)} ms)`;
      equal(readDbState(db).integrity, "ok", label);
      if (!r.killed) equal(r.code, 0, `${label}: ${r.stderr}`);
      const recorded = statements().map((s) => s.pdf_path).sort();
      equal(
        [0, n].includes(recorded.length),
        true,
        `${label}: ${recorded.length} of ${n} recorded`,
      );
      const files = finalPdfs(pdfDir);
      for (const p of files) equal(isCompletePdf(p), true, `${label}: half-written ${p}`);
      // a final-name PDF always has its record; a record may wait for its rename only when
      // the kill fell between the commit and the renames (the next run writes it again)
      equal(files.filter((p) => !recorded.includes(p)).length, 0, `${label}: PDF without record`);
      outcome.renamesPending += recorded.filter((p) => !files.includes(p)).length;
      if (!r.killed) outcome.finished++;
      else outcome[recorded.length ? "all" : "none"]++;
      // the next run works and leaves files and records in agreement
      const again = await runCliTimed(generate, ws.dir);
      equal(again.code, 0, `${label}: rerun: ${again.stderr}`);
      const after = statements().map((s) => s.pdf_path).sort();
      equal(after.length, n, label);
      equal(
        JSON.stringify(finalPdfs(pdfDir)),
        JSON.stringify(after),
        `${label}: files and records differ`,
      );
    }
    console.log(`crash generate: ${trials} kills (seed ${SEED}): ${JSON.stringify(outcome)}`);
  } finally {
    await ws.cleanup();
  }
});

Deno.test("crash safety: export-journal killed at random moments: no partial journal, records match files", async () => {
  const trials = LONG ? 30 : 10;
  const ws = await tempWorkspace("oc-crash-journal-");
  try {
    await write04Config(ws.dir);
    const db = `${ws.dir}/instance/billing.db`;
    const dir = `${ws.dir}/instance/output/journals`;
    const f = makeFocusFile({ rows: 20_000, period: "2025-05", seed: 6, pis: 8 });
    await Deno.writeTextFile(`${ws.dir}/j.csv`, f.text);
    equal(
      (await runCliTimed(
        ["ingest", "--new-source", "j.csv", "-s", "jrn", "-c", "config.yaml"],
        ws.dir,
      )).code,
      0,
    );
    const exportArgs = ["export-journal", "-p", "2025-05", "-f", "detail", "-c", "config.yaml"];
    const [full, fullMs] = await timed(() => runCliTimed(exportArgs, ws.dir));
    equal(full.code, 0, full.stderr);
    const rnd = seededRandom(SEED + 2);
    const outcome = { killed: 0, finished: 0 };
    for (let t = 0; t < trials; t++) {
      const delay = fullMs * (0.2 + rnd.next() * 0.9);
      const r = await runAndKill(exportArgs, ws.dir, delay);
      const label = `trial ${t} (kill after ${Math.round(delay)} ms)`;
      equal(readDbState(db).integrity, "ok", label);
      if (!r.killed) equal(r.code, 0, `${label}: ${r.stderr}`);
      outcome[r.killed ? "killed" : "finished"]++;
      const records = sql<{ path: string; checksum: string; rows: number }>(
        db,
        "SELECT path, checksum, rows FROM journal_exports ORDER BY id",
      );
      const files = [...Deno.readDirSync(dir)].filter((e) => !e.name.startsWith("."))
        .map((e) => `${dir}/${e.name}`).sort();
      equal(
        JSON.stringify(files),
        JSON.stringify(records.map((x) => x.path).sort()),
        `${label}: files and records differ`,
      );
      for (const rec of records) {
        const text = await Deno.readTextFile(rec.path);
        equal(
          createHash("sha256").update(text).digest("hex"),
          rec.checksum,
          `${label}: ${rec.path}`,
        );
      }
    }
    const next = await runCliTimed(exportArgs, ws.dir);
    equal(next.code, 0, next.stderr);
    console.log(`crash journal: ${trials} kills (seed ${SEED}): ${JSON.stringify(outcome)}`);
  } finally {
    await ws.cleanup();
  }
});
