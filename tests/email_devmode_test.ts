/** Dev-mode email: real .eml files (RFC 5322, PDFs attached), logged; no resend without --resend. */

import { deepEqual, equal, match } from "node:assert/strict";
import { runCli, tempWorkspace } from "./cli_harness.ts";
import { parseMail, querySql, seedCharges, writeStatementsConfig } from "./statements_seed.ts";

const A = "ada@example.edu";
const B = "bob@example.edu";

Deno.test("email dev mode: one .eml per PI with all PDFs, logged, not resent unless --resend", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    const cfg = await writeStatementsConfig(
      dir,
      `email:\n  subject_template: "Charges {billing_period} for {pi_email}: {total}"\n` +
        `  contact: "Questions? billing@example.edu"\n`,
    );
    const db = `${dir}/instance/billing.db`;
    seedCharges(db, "2025-01", [
      { pi: A, project: "alpha", fund: "F-1", service: "EC2", billed: "100", list: "120" },
      { pi: A, project: "beta", fund: "F-2", service: "HPC", billed: "0", list: "800" },
      {
        pi: B,
        project: "gamma",
        fund: "F-3",
        service: "Storage",
        billed: "12.50",
        list: "25",
        currency: "EUR",
      },
    ]);
    const r = await runCli(["generate", "-p", "2025-01", "-c", cfg, "--send", "--json"], {
      cwd: dir,
    });
    equal(r.code, 0, r.stderr);
    deepEqual(r.json<{ emails: unknown }>().emails, { sent: 0, written: 2, failed: 0 });
    const emlDir = `${dir}/instance/output/emails/2025-01`;
    const files = [...Deno.readDirSync(emlDir)].map((e) => e.name).sort();
    deepEqual(files, ["ada_example.edu.eml", "bob_example.edu.eml"]);
    const ada = parseMail(await Deno.readTextFile(`${emlDir}/ada_example.edu.eml`));
    equal(ada.header("To"), A);
    equal(ada.header("Subject"), "Charges 2025-01 for ada@example.edu: $100.00");
    match(ada.header("From") ?? "", /Research Computing Billing.*<billing@example\.edu>/);
    deepEqual(ada.pdfs.map((p) => p.filename), [
      "2025-01-0001_ada_alpha.pdf",
      "2025-01-0002_ada_beta.pdf",
    ]);
    for (const p of ada.pdfs) equal(new TextDecoder().decode(p.bytes.slice(0, 5)), "%PDF-");
    match(ada.text, /Total due: \$100\.00/);
    match(ada.text, /Project alpha \/ Charged to fund F-1 \/ \$100\.00, due 2025-03-05 /);
    match(ada.text, /Total institutional subsidy: \$820\.00/);
    match(ada.text, /Questions\? billing@example\.edu/);
    const bob = parseMail(await Deno.readTextFile(`${emlDir}/bob_example.edu.eml`));
    equal(bob.header("Subject"), "Charges 2025-01 for bob@example.edu: €12.50");
    equal(bob.pdfs.length, 1);

    const again = await runCli(["generate", "-p", "2025-01", "-c", cfg, "--send", "--json"], {
      cwd: dir,
    });
    deepEqual(again.json<{ emails: unknown }>().emails, { sent: 0, written: 0, failed: 0 });
    const resend = await runCli([
      "statements",
      "send",
      "-p",
      "2025-01",
      "-c",
      cfg,
      "--pi",
      A,
      "--resend",
    ], {
      cwd: dir,
    });
    equal(resend.code, 0, resend.stderr);
    match(resend.stdout, /0 sent, 1 written/);
    equal(Deno.statSync(`${emlDir}/ada_example.edu-2.eml`).isFile, true);
    const log = querySql<{ recipient: string; status: string; statement_numbers: string }>(
      db,
      "SELECT recipient, status, statement_numbers FROM email_log ORDER BY id",
    );
    deepEqual(log.map((l) => [l.recipient, l.status, l.statement_numbers]), [
      [A, "written", '["2025-01-0001 r1","2025-01-0002 r1"]'],
      [B, "written", '["2025-01-0003 r1"]'],
      [A, "written", '["2025-01-0001 r1","2025-01-0002 r1"]'],
    ]);
    equal(querySql(db, "SELECT * FROM statements WHERE sent_at IS NULL").length, 0);
  } finally {
    await cleanup();
  }
});
