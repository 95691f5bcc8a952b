/**
 * What a PI is asked (issue 19 item 8): the due date (issue date + statements.due_days on the
 * institution's calendar), the terms, the fund charged (with the split) and the dispute route,
 * in the PDF (read through PDF.js, links included) and the email; the config refuses a dispute
 * value that is neither an email address nor an http(s) URL.
 */

import { deepEqual, equal, match, ok } from "node:assert/strict";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { runCli, tempWorkspace } from "./cli_harness.ts";
import {
  parseMail,
  pdfText,
  querySql,
  seedCharges,
  writeStatementsConfig,
} from "./statements_seed.ts";
import {
  buildStatementModels,
  renderStatementPdf,
  statementContentHash,
  statementPayment,
} from "../src/statements/mod.ts";
import type { StatementChargeInput } from "../src/statements/statement_model.ts";
import { composeStatementMessage, type EmailStatement } from "../src/email/mod.ts";
import { parseMicros } from "../src/domain/money.ts";

const A = "ada@example.edu";

/** The link targets (URI actions) of every page of a PDF. */
async function pdfLinks(path: string): Promise<string[]> {
  const task = getDocument({ data: await Deno.readFile(path), verbosity: 0 });
  const doc = await task.promise;
  try {
    const out: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      for (const a of await page.getAnnotations()) if (a.url) out.push(a.url);
    }
    return out;
  } finally {
    await task.destroy();
  }
}

Deno.test("due date: issue date + due_days on the institution's calendar", () => {
  const p = (days: number, zone: string, at: string) =>
    statementPayment({ due_days: days, terms: "", dispute: "", timezone: zone }, at);
  // 2025-02-03 12:00 UTC is already 2025-02-04 01:00 in Auckland (NZDT, UTC+13)
  deepEqual(
    [
      p(45, "Pacific/Auckland", "2025-02-03T12:00:00Z").issuedOn,
      p(45, "UTC", "2025-02-03T12:00:00Z").issuedOn,
    ],
    ["2025-02-04", "2025-02-03"],
  );
  equal(p(45, "Pacific/Auckland", "2025-02-03T12:00:00Z").dueOn, "2025-03-21"); // 24 days of February left + 21
  // 2025-03-01 03:00 UTC is still 2025-02-28 in Chicago (CST, UTC-6)
  equal(p(30, "America/Chicago", "2025-03-01T03:00:00Z").issuedOn, "2025-02-28");
  equal(p(30, "America/Chicago", "2025-03-01T03:00:00Z").dueOn, "2025-03-30");
  equal(p(30, "UTC", "2024-01-31T00:00:00Z").dueOn, "2024-03-01"); // 2024 is a leap year
  equal(p(0, "UTC", "2025-12-31T23:59:59Z").dueOn, "2025-12-31");
  equal(p(1, "UTC", "2025-12-31T23:59:59Z").dueOn, "2026-01-01");
  deepEqual(
    statementPayment(
      { due_days: 1, terms: " ", dispute: "x@y.edu", timezone: "" },
      "2025-01-01T00:00:00Z",
    )
      .dispute,
    { kind: "email", address: "x@y.edu", href: "mailto:x@y.edu" },
  );
});

Deno.test("generate: the PDF and the email carry the due date, terms, split funds and the dispute link", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    const cfg = await writeStatementsConfig(
      dir,
      `statements:
  due_days: 45
  terms: "Net 45"
  dispute: "https://billing.example.edu/disputes"
  timezone: Pacific/Auckland
funding:
  splits:
    - project_id: alpha
      from: 2025-01
      funds: [{fund_org: CHEM-1, percent: "60"}, {fund_org: BIO-2, percent: "40"}]
`,
    );
    const db = `${dir}/instance/billing.db`;
    seedCharges(db, "2025-01", [
      { pi: A, project: "alpha", fund: "CHEM-1", service: "EC2", billed: "100.00", list: "120" },
      { pi: A, project: "beta", fund: "F-2", service: "HPC", billed: "25.50", list: "30" },
    ]);
    const env = { OPENCHARGEBACK_NOW: "2025-02-03T12:00:00Z" };
    const r = await runCli(["generate", "-p", "2025-01", "-c", cfg, "--send", "--json"], {
      cwd: dir,
      env,
    });
    equal(r.code, 0, r.stderr);
    const rows = querySql<{ number: string; pdf_path: string; payment: string }>(
      db,
      "SELECT number, pdf_path, payment FROM statements ORDER BY number",
    );
    equal(rows.length, 2);
    deepEqual(JSON.parse(rows[0].payment), {
      issuedOn: "2025-02-04", // Auckland's calendar
      dueOn: "2025-03-21",
      dueDays: 45,
      terms: "Net 45",
      timezone: "Pacific/Auckland",
      dispute: {
        kind: "url",
        address: "https://billing.example.edu/disputes",
        href: "https://billing.example.edu/disputes",
      },
      chargedTo: "Charged to funds: 60.00 % → CHEM-1; 40.00 % → BIO-2",
    });
    const alpha = await pdfText(rows[0].pdf_path);
    match(alpha, /Issued 2025-02-04/);
    match(alpha, /Payment due 2025-03-21 \(Net 45\)\./);
    match(alpha, /Charged to funds: 60\.00 % → CHEM-1; 40\.00 % → BIO-2\./);
    match(alpha, /To dispute a charge, go to https:\/\/billing\.example\.edu\/disputes\./);
    deepEqual(await pdfLinks(rows[0].pdf_path), ["https://billing.example.edu/disputes"]);
    match(await pdfText(rows[1].pdf_path), /Charged to fund F-2\./);

    const eml = parseMail(
      await Deno.readTextFile(`${dir}/instance/output/emails/2025-01/ada_example.edu.eml`),
    );
    match(eml.text, /Total due: \$125\.50\nPayment due 2025-03-21 \(Net 45\)\./);
    match(
      eml.text,
      /- Project alpha \/ Charged to funds: 60\.00 % → CHEM-1; 40\.00 % → BIO-2 \/ \$100\.00, due 2025-03-21 \(statement 2025-01-0001\)/,
    );
    match(eml.text, /- Project beta \/ Charged to fund F-2 \/ \$25\.50, due 2025-03-21/);
    match(eml.text, /To dispute a charge, go to https:\/\/billing\.example\.edu\/disputes\./);

    // a week later nothing changed: the statements keep their revision and their due date
    const again = await runCli(["generate", "-p", "2025-01", "-c", cfg, "--json"], {
      cwd: dir,
      env: { OPENCHARGEBACK_NOW: "2025-02-10T12:00:00Z" },
    });
    equal(again.code, 0, again.stderr);
    deepEqual(
      again.json<{ statements: { status: string }[] }>().statements.map((s) => s.status),
      ["unchanged", "unchanged"],
    );
    equal(querySql(db, "SELECT id FROM statements").length, 2);
    // statements list --json names each statement's due date
    const list = await runCli(["statements", "list", "-p", "2025-01", "-c", cfg, "--json"], {
      cwd: dir,
    });
    equal(list.code, 0, list.stderr);
    deepEqual(
      list.json<{ project: string; dueOn: string | null }[]>().map((s) => [s.project, s.dueOn]),
      [
        ["alpha", "2025-03-21"],
        ["beta", "2025-03-21"],
      ],
    );
  } finally {
    await cleanup();
  }
});

Deno.test("email body: one due date or each row's, the terms, and a mailto dispute link", () => {
  const st = (n: number, billed: string, dueOn: string): EmailStatement => ({
    id: n,
    number: `2025-01-000${n}`,
    revision: 1,
    project: `p${n}`,
    fundOrg: `F-${n}`,
    totals: [{
      currency: "USD",
      billed: parseMicros(billed)!,
      list: parseMicros(billed)!,
      discount: 0,
    }],
    pdfPath: `/x/${n}.pdf`,
    payment: { dueOn, terms: "Net 30", chargedTo: `Charged to fund F-${n}` },
  });
  const settings = { subjectTemplate: "S", contact: "", title: "Research Computing Statement" };
  const dispute = {
    kind: "email" as const,
    address: "billing@example.edu",
    href: "mailto:billing@example.edu",
  };
  const one = composeStatementMessage("2025-01", {
    recipient: A,
    piName: "Ada",
    statements: [st(1, "10.00", "2025-03-05"), st(2, "5.00", "2025-03-05")],
    dispute,
  }, settings);
  match(one.text, /Total due: \$15\.00\nPayment due 2025-03-05 \(Net 30\)\./);
  match(
    one.text,
    /- Project p2 \/ Charged to fund F-2 \/ \$5\.00, due 2025-03-05 \(statement 2025-01-0002\)/,
  );
  match(one.text, /To dispute a charge, email billing@example\.edu\./);
  match(one.html, /<p><strong>Payment due 2025-03-05 \(Net 30\)\.<\/strong><\/p>/);
  match(
    one.html,
    /To dispute a charge, email <a href="mailto:billing@example\.edu">billing@example\.edu<\/a>\./,
  );
  match(one.html, /<th [^>]*>Charged to<\/th>/);
  const two = composeStatementMessage("2025-01", {
    recipient: A,
    piName: "Ada",
    statements: [st(1, "10.00", "2025-03-05"), st(2, "5.00", "2025-03-12")],
  }, settings);
  match(two.text, /Payment due by each statement's due date below \(Net 30\)\./);
  ok(!/dispute/i.test(two.text)); // no dispute route configured: no line
  // a credit asks for nothing: no due line
  const credit = composeStatementMessage("2025-01", {
    recipient: A,
    piName: "Ada",
    statements: [st(1, "-10.00", "2025-03-05")],
  }, settings);
  ok(!/Payment due/.test(credit.text), credit.text);
});

Deno.test("config: a dispute that is neither an email nor an http(s) URL is one line naming the key", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    for (const bad of ["billing at example.edu", "ftp://files.example.edu/x"]) {
      const cfg = await writeStatementsConfig(dir, `statements:\n  dispute: "${bad}"\n`);
      const r = await runCli(["config", "check", "-c", cfg], { cwd: dir });
      equal(r.code, 1, r.stdout);
      const lines = r.stderr.trim().split("\n");
      equal(lines.length, 1, r.stderr);
      match(lines[0], /key statements\.dispute: not an email address or an http\(s\) URL/);
      ok(lines[0].includes(JSON.stringify(bad)), lines[0]);
    }
    const good = await writeStatementsConfig(dir, `statements:\n  dispute: billing@example.edu\n`);
    equal((await runCli(["config", "check", "-c", good], { cwd: dir })).code, 0);
  } finally {
    await cleanup();
  }
});

Deno.test("statement PDF: an email dispute is a mailto link; a credit names no due date", async () => {
  const dir = await Deno.makeTempDir({ prefix: "oc-pay-pdf-" });
  try {
    const charge = (billed: string): StatementChargeInput => ({
      billed_cost: parseMicros(billed)!,
      list_cost: parseMicros(billed)!,
      billing_currency: "USD",
      charge_period_start: "2025-01-01",
      charge_category: billed.startsWith("-") ? "Credit" : "Usage",
      charge_class: null,
      charge_description: null,
      service_name: "EC2",
      resource_id: "i-1",
      resource_name: null,
      pricing_quantity: null,
      pricing_unit: null,
      consumed_quantity: null,
      consumed_unit: null,
      pi_email: A,
      pi_name: "Ada",
      project_id: "p",
      fund_org: "F-1",
      reference_1: null,
      reference_2: null,
    });
    const payment = statementPayment(
      { due_days: 14, terms: "Net 14", dispute: "billing@example.edu", timezone: "UTC" },
      "2025-02-03T10:00:00Z",
    );
    const texts: string[] = [];
    for (const [i, billed] of ["40.00", "-40.00"].entries()) {
      const [model] = buildStatementModels([charge(billed)], {
        period: "2025-01",
        grouping: "project",
        payment,
      });
      const path = `${dir}/${i}.pdf`;
      await Deno.writeFile(
        path,
        renderStatementPdf({
          model,
          number: "2025-01-0001",
          revision: 1,
          replaces: null,
          contentHash: statementContentHash(model),
          generatedAt: "2025-02-03T10:00:00Z",
        }, {
          institution: "U",
          title: "Statement",
          contact: "",
          logoPng: null,
          softwareVersion: "t",
        }),
      );
      deepEqual(await pdfLinks(path), ["mailto:billing@example.edu"]);
      texts.push(await pdfText(path));
    }
    match(texts[0], /Payment due 2025-02-17 \(Net 14\)\./);
    match(texts[0], /To dispute a charge, email billing@example\.edu\./);
    ok(!/Payment due/.test(texts[1]), texts[1]); // a credit: nothing is due
    match(texts[1], /Charged to fund F-1\./);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
