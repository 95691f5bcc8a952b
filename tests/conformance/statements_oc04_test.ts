/**
 * The OpenChargeback 0.4 sample month through the real CLI: ingest the five
 * 2025-01 files with the 0.4 config, generate with --send in dev mode:
 * 10 project statements for 7 PIs, billed 20,227.00, 7 .eml files.
 */

import { deepEqual, equal, match } from "node:assert/strict";
import { runCli, tempWorkspace } from "../cli_harness.ts";
import { OC04, writeOc04Config } from "./fixtures.ts";
import { parseMail, pdfText } from "../statements_seed.ts";
import { parseMicros } from "../../src/domain/money.ts";

Deno.test("0.4 sample month: 10 statements for 7 PIs, totals match ingest, 7 dev-mode emails", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    const cfg = await writeOc04Config(dir);
    // the 0.4 example sends over SMTP; this test wants its dev mode
    await Deno.writeTextFile(
      cfg,
      (await Deno.readTextFile(cfg)).replace("dev_mode: false", "dev_mode: true"),
    );
    let ingested = 0;
    for (const s of ["aws", "azure", "hpc", "it_storage", "storage"]) {
      const r = await runCli([
        "ingest",
        "--new-source",
        `${OC04}${s}_2025-01.csv`,
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
    equal(ingested, parseMicros("20227.00"));
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
    equal(out.statements.length, 10);
    equal(new Set(out.statements.map((s) => s.pi)).size, 7);
    equal(
      out.statements.reduce((t, s) => t + parseMicros(s.billedCost)!, 0),
      parseMicros("20227.00"),
    );
    deepEqual(
      out.statements.map((s) => s.number),
      Array.from({ length: 10 }, (_, i) => `2025-01-00${String(i + 1).padStart(2, "0")}`),
    );
    equal(out.statements.every((s) => s.currency === "USD"), true);
    deepEqual(out.emails, { sent: 0, written: 7, failed: 0 });
    const zorp = out.statements.find((s) => s.project === "genomics-sequencing")!;
    equal(zorp.billedCost, "2307.75");
    const text = await pdfText(zorp.pdf);
    match(text, /zorp\.blinkman@example\.edu\s+genomics-sequencing\s+BIO-2024-001/);
    match(text, /\$2,720\.00\s+-\$412\.25 \(15\.1 %\)\s+\$2,307\.75/);
    match(text, /Research Storage - Home\s+\$5\.00\s+-\$5\.00 \(100 %\)\s+\$0\.00/);
    const emlDir = `${dir}/instance/output/emails/2025-01`;
    const emls = [...Deno.readDirSync(emlDir)].map((e) => e.name).sort();
    equal(emls.length, 7);
    const zorpMail = parseMail(await Deno.readTextFile(`${emlDir}/zorp.blinkman_example.edu.eml`));
    equal(zorpMail.header("To"), "zorp.blinkman@example.edu");
    equal(zorpMail.header("Subject"), "Research Computing Charges - 2025-01");
    equal(zorpMail.pdfs.length, 2);
    match(zorpMail.text, /Total due: \$6,460\.00/);
  } finally {
    await cleanup();
  }
});
