/**
 * The own 0.4-layout month (tests/fixtures/month/) through the real CLI: ingest
 * the five 2025-01 files with its 0.4-layout config, generate with --send in
 * dev mode: 7 project statements for 5 PIs, billed 5,086.50, 5 .eml files.
 * The same on the third-party 0.4 samples: tests/conformance/statements_oc04_test.ts.
 */

import { deepEqual, equal, match } from "node:assert/strict";
import { MONTH, runCli, tempWorkspace, write04Config } from "./cli_harness.ts";
import { parseMail, pdfText } from "./statements_seed.ts";
import { parseMicros } from "../src/domain/money.ts";

Deno.test("0.4-layout month: 7 statements for 5 PIs, totals match ingest, 5 dev-mode emails", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    const cfg = await write04Config(dir);
    // the 0.4-layout config sends over SMTP; this test wants its dev mode
    await Deno.writeTextFile(
      cfg,
      (await Deno.readTextFile(cfg)).replace("dev_mode: false", "dev_mode: true"),
    );
    let ingested = 0;
    for (const s of ["aws", "azure", "hpc", "it_storage", "storage"]) {
      const r = await runCli([
        "ingest",
        "--new-source",
        `${MONTH}${s}_2025-01.csv`,
        "-s",
        s,
        "-c",
        cfg,
        "--json",
      ], {
        cwd: dir,
      });
      equal(r.code, 0, r.stderr);
      ingested += parseMicros(r.json<{ billedCost: string }>().billedCost)!;
    }
    equal(ingested, parseMicros("5086.50"));
    const g = await runCli(["generate", "-p", "2025-01", "-c", cfg, "--send", "--json"], {
      cwd: dir,
    });
    equal(g.code, 0, g.stderr);
    const out = g.json<{
      statements: {
        number: string;
        pi: string;
        project: string;
        billedCost: string;
        currency: string;
        pdf: string;
      }[];
      emails: unknown;
    }>();
    equal(out.statements.length, 7);
    equal(new Set(out.statements.map((s) => s.pi)).size, 5);
    equal(
      out.statements.reduce((t, s) => t + parseMicros(s.billedCost)!, 0),
      parseMicros("5086.50"),
    );
    deepEqual(
      out.statements.map((s) => s.number),
      Array.from({ length: 7 }, (_, i) => `2025-01-000${i + 1}`),
    );
    equal(out.statements.every((s) => s.currency === "USD"), true);
    deepEqual(out.emails, { sent: 0, written: 5, failed: 0 });
    const ada = out.statements.find((s) => s.project === "protein-folding")!;
    // aws 850.00 + 510.00 + 170.00; list 1,800.00 aws + 320.00 hpc + 5.00 storage
    equal(ada.billedCost, "1530.00");
    const text = await pdfText(ada.pdf);
    match(text, /ada\.quill@northfield\.edu/);
    // a 13-character fund/org wraps beside the references column
    match(text, /protein-folding\s+CHEM-2025-00\s+NSF-CHE-2025-0001\s+1\s+REQ-2025-00007/);
    match(text, /\$2,125\.00\s+-\$595\.00 \(28 %\)\s+\$1,530\.00/);
    match(text, /Research Storage - Home\s+\$5\.00\s+-\$5\.00 \(100 %\)\s+\$0\.00/);
    const emlDir = `${dir}/instance/output/emails/2025-01`;
    const emls = [...Deno.readDirSync(emlDir)].map((e) => e.name).sort();
    equal(emls.length, 5);
    // cora: language-models 2,023.00 + speech-corpus 15.00, two statements in one email
    const cora = parseMail(await Deno.readTextFile(`${emlDir}/cora.lindqvist_northfield.edu.eml`));
    equal(cora.header("To"), "cora.lindqvist@northfield.edu");
    equal(cora.header("Subject"), "Research Computing Charges - 2025-01");
    equal(cora.pdfs.length, 2);
    match(cora.text, /Total due: \$2,038\.00/);
  } finally {
    await cleanup();
  }
});
