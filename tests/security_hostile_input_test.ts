/**
 * The hostile-input corpus through the real CLI: every file is refused (exit
 * 1, one message naming the file and line, no stack trace, nothing stored) or
 * accepted whole with exact figures; never a crash or a hang.
 */

import { equal, match } from "node:assert/strict";
import { parseMicros } from "../src/domain/money.ts";
import { MONTH, tempWorkspace, write04Config } from "./cli_harness.ts";
import { inPool, runCliTimed } from "./hostile/cli_timed.ts";
import { readDbState } from "./hostile/db_state.ts";
import { type CorpusCase, hostileCorpus } from "./hostile/make_corpus.ts";

/** Figures of the last run, for docs/security/README.md (printed at the end). */
const figures = { files: 0, refused: 0, accepted: 0 };

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The checks every run must pass whatever the file: no crash, no trace, short output. */
function assertNoCrash(c: CorpusCase, stderr: string): void {
  equal(stderr.includes("internal error"), false, `${c.name}: ${stderr.slice(0, 2000)}`);
  equal(/^\s+at /m.test(stderr), false, `${c.name}: stack trace:\n${stderr.slice(0, 2000)}`);
  const lines = stderr.trimEnd().split("\n");
  equal(lines.length <= 22, true, `${c.name}: ${lines.length} lines of errors`);
  for (const l of lines) equal(l.length <= 600, true, `${c.name}: a ${l.length}-char line`);
}

Deno.test("hostile corpus: each of 50+ bad files is refused with file and line or accepted whole", async () => {
  const ws = await tempWorkspace("oc-hostile-");
  try {
    await write04Config(ws.dir);
    const db = `${ws.dir}/instance/billing.db`;
    const seed = await runCliTimed(
      ["ingest", "--new-source", `${MONTH}aws_2025-01.csv`, "-s", "aws", "-c", "config.yaml"],
      ws.dir,
    );
    equal(seed.code, 0, seed.stderr);
    const corpus = hostileCorpus();
    equal(corpus.length >= 50, true);
    await Deno.mkdir(`${ws.dir}/corpus`);
    for (const c of corpus) await Deno.writeFile(`${ws.dir}/corpus/${c.name}`, c.bytes);
    const before = readDbState(db);

    // refusals (no writes expected: two at a time)
    const refusedCases = corpus.filter((c) => "refused" in c.expect);
    const failures: string[] = [];
    const check = (job: (c: CorpusCase) => Promise<void>) => async (c: CorpusCase) => {
      try {
        await job(c);
      } catch (e) {
        failures.push(`${c.name}: ${(e as Error).message.slice(0, 800)}`);
      }
    };
    await inPool(
      refusedCases,
      2,
      check(async (c) => {
        const path = `corpus/${c.name}`;
        const r = await runCliTimed([
          "ingest",
          "--new-source",
          path,
          "-s",
          "hostile",
          "-c",
          "config.yaml",
        ], ws.dir);
        assertNoCrash(c, r.stderr);
        equal(r.code, 1, `${c.name}: exit ${r.code}\n${r.stderr.slice(0, 1000)}`);
        if (!("refused" in c.expect)) return;
        const { line, column, message } = c.expect.refused;
        const where = c.noLine
          ? `error: ${escapeRe(path)}: `
          : `error: ${escapeRe(path)}:${line}: ${column ? `column ${escapeRe(column)}: ` : ""}`;
        match(r.stderr, new RegExp(`^${where}`), `${c.name}: ${r.stderr.slice(0, 600)}`);
        match(r.stderr.split("\n")[0], message, c.name);
      }),
    );
    equal(failures.length, 0, failures.join("\n"));
    const afterRefusals = readDbState(db);
    equal(afterRefusals.integrity, "ok");
    equal(afterRefusals.digest, before.digest, "a refused file changed the charges");
    equal(afterRefusals.imports, before.imports);
    equal(afterRefusals.auditEntries, before.auditEntries);

    // acceptances: each file is its own source, imported whole with exact figures
    const acceptedCases = corpus.filter((c) => "accepted" in c.expect);
    await inPool(
      acceptedCases,
      2,
      check(async (c) => {
        const source = `h-${corpus.indexOf(c)}`;
        const r = await runCliTimed(
          [
            "ingest",
            "--new-source",
            `corpus/${c.name}`,
            "-s",
            source,
            "--json",
            "-c",
            "config.yaml",
          ],
          ws.dir,
        );
        assertNoCrash(c, r.stderr);
        equal(r.code, 0, `${c.name}: exit ${r.code}\n${r.stderr.slice(0, 1000)}`);
        if (!("accepted" in c.expect)) return;
        const { rows, billedCents, flagged } = c.expect.accepted;
        const s = r.json<{ rows: number; billedCost: string; flagged: number }>();
        equal(s.rows, rows, c.name);
        equal(parseMicros(s.billedCost), billedCents * 10_000, c.name);
        equal(s.flagged, flagged, c.name);
        const stored = readDbState(db, source);
        equal(stored.charges, rows, c.name);
        equal(stored.billedMicros, billedCents * 10_000, c.name);
      }),
    );
    equal(failures.length, 0, failures.join("\n"));
    const end = readDbState(db);
    equal(end.integrity, "ok");
    figures.files = corpus.length;
    figures.refused = refusedCases.length;
    figures.accepted = acceptedCases.length;
    console.log(`hostile corpus: ${JSON.stringify(figures)}`);
  } finally {
    await ws.cleanup();
  }
});
