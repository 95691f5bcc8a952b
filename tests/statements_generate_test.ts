/** `generate` and `statements list` end to end: real CLI, real SQLite file, PDF text via tests/pdf_text.ts (npm pdfjs-dist). */

import { deepEqual, equal, match, ok } from "node:assert/strict";
import { runCli, tempWorkspace } from "./cli_harness.ts";
import {
  execSql,
  pdfText,
  querySql,
  type SeedCharge,
  seedCharges,
  writeStatementsConfig,
} from "./statements_seed.ts";

const A = "ada@example.edu";
const B = "bob@example.edu";

function baseCharges(): SeedCharge[] {
  return [
    { pi: A, project: "alpha", fund: "F-1", service: "Amazon EC2", billed: "100.004", list: "120" },
    { pi: A, project: "alpha", fund: "F-1", service: "Amazon S3", billed: "20.005", list: "25" },
    { pi: A, project: "beta", fund: "F-2", service: "HPC Cluster", billed: "0", list: "800" },
    { pi: B, project: "gamma", fund: "F-3", service: "Storage", billed: "12.50", list: "25" },
    {
      pi: B,
      project: "gamma",
      fund: "F-3",
      service: "Storage",
      billed: "12.345",
      list: "12.345",
      review: "pending",
    },
  ];
}

interface GenJson {
  period: string;
  statements: Record<string, unknown>[];
  emails: { sent: number; written: number; failed: number };
}

const exists = (p: string) => Deno.stat(p).then(() => true, () => false);

Deno.test("generate: pending refused, --dry-run writes nothing, --allow-pending notes them, --json", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    const cfg = await writeStatementsConfig(dir);
    seedCharges(`${dir}/instance/billing.db`, "2025-01", baseCharges(), { periodStatus: "closed" });
    const refused = await runCli(["generate", "-p", "2025-01", "-c", cfg], { cwd: dir });
    equal(refused.code, 1);
    equal(refused.stderr.trim().split("\n").length, 1);
    match(refused.stderr, /1 charge in 2025-01 is awaiting review \(\$12\.35\)/);
    match(refused.stderr, /openchargeback review list -p 2025-01/);

    const dry = await runCli(
      ["generate", "-p", "2025-01", "-c", cfg, "--dry-run", "--allow-pending", "--send", "--json"],
      { cwd: dir },
    );
    equal(dry.code, 0, dry.stderr);
    const d = dry.json<GenJson & { recipients: string[] }>();
    deepEqual(d.statements.map((s) => [s.number, s.pi, s.project, s.billedCost, s.pdf]), [
      ["2025-01-0001", A, "alpha", "120.01", null],
      ["2025-01-0002", A, "beta", "0.00", null],
      ["2025-01-0003", B, "gamma", "12.50", null],
    ]);
    deepEqual(d.recipients, [A, B]);
    equal(await exists(`${dir}/instance/output`), false);
    equal(querySql(`${dir}/instance/billing.db`, "SELECT * FROM statements").length, 0);
    equal(querySql(`${dir}/instance/billing.db`, "SELECT * FROM email_log").length, 0);

    const run = await runCli(
      ["generate", "-p", "2025-01", "-c", cfg, "--allow-pending", "--json"],
      {
        cwd: dir,
      },
    );
    equal(run.code, 0, run.stderr);
    const r = run.json<GenJson>();
    equal(r.period, "2025-01");
    // a dry run after the real one: every statement unchanged, and still no PDF named
    const again = await runCli(
      ["generate", "-p", "2025-01", "-c", cfg, "--allow-pending", "--dry-run", "--json"],
      { cwd: dir },
    );
    deepEqual(again.json<GenJson>().statements.map((s) => [s.status, s.pdf]), [
      ["unchanged", null],
      ["unchanged", null],
      ["unchanged", null],
    ]);
    deepEqual(r.emails, { sent: 0, written: 0, failed: 0 });
    const first = r.statements[0];
    for (
      const key of [
        "number",
        "pi",
        "project",
        "fundOrg",
        "currency",
        "billedCost",
        "listCost",
        "discount",
        "pdf",
        "revision",
      ]
    ) {
      ok(key in first, `missing ${key}`);
    }
    deepEqual(
      [
        first.fundOrg,
        first.currency,
        first.billedCost,
        first.listCost,
        first.discount,
        first.revision,
      ],
      ["F-1", "USD", "120.01", "145.00", "24.99", 1],
    );
    equal((first.pdf as string).endsWith("/2025-01/2025-01-0001_ada_alpha.pdf"), true);
    const gamma = await pdfText(r.statements[2].pdf as string);
    match(gamma, /1 charge totalling \$12\.35 is pending review and not included/);
    match(gamma, /Amount due[\s\S]*\$12\.50/);
    const beta = await pdfText(r.statements[1].pdf as string);
    match(beta, /Fully subsidised: the institution covers 100 % of the \$800\.00 list price/);
    equal(await exists(`${dir}/instance/output/emails`), false);
  } finally {
    await cleanup();
  }
});

Deno.test("generate: revisions keep earlier records and files; unchanged keep theirs; finalized refused", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    const cfg = await writeStatementsConfig(dir);
    const db = `${dir}/instance/billing.db`;
    const ids = seedCharges(db, "2025-01", baseCharges().slice(0, 4));
    const g1 = (await runCli(["generate", "-p", "2025-01", "-c", cfg, "--json"], { cwd: dir }))
      .json<GenJson>();
    equal(g1.statements.length, 3);
    const paths = g1.statements.map((s) => s.pdf as string);
    const mtimes = await Promise.all(paths.map(async (p) => (await Deno.stat(p)).mtime?.getTime()));

    execSql(db, "UPDATE charges SET billed_cost = 90000000 WHERE id = ?", ids[0]); // 100.00 -> 90.00
    execSql(db, "UPDATE charges SET review_status = 'rejected' WHERE id = ?", ids[3]);
    const g2run = await runCli(["generate", "-p", "2025-01", "-c", cfg, "--json"], { cwd: dir });
    equal(g2run.code, 0, g2run.stderr);
    const g2 = g2run.json<GenJson>();
    deepEqual(
      g2.statements.map((s) => [s.number, s.revision, s.status, s.replaces, s.billedCost]),
      [
        ["2025-01-0001", 2, "revised", 1, "110.01"],
        ["2025-01-0002", 1, "unchanged", null, "0.00"],
        ["2025-01-0003", 2, "revised", 1, "0.00"],
      ],
    );
    equal(g2.statements[1].pdf, paths[1]);
    equal((await Deno.stat(paths[1])).mtime?.getTime(), mtimes[1]);
    equal((await Deno.stat(paths[0])).mtime?.getTime(), mtimes[0]); // revision 1 kept as is
    match(g2.statements[0].pdf as string, /2025-01-0001-r2_ada_alpha\.pdf$/);
    const r2 = await pdfText(g2.statements[0].pdf as string);
    match(r2, /replaces revision 1 of statement 2025-01-0001: amount due \$120\.01 → \$110\.01/);
    match(r2, /change -\$10\.00/);
    match(await pdfText(paths[0]), /\$120\.01/);
    match(await pdfText(g2.statements[2].pdf as string), /No billable charges remain/);

    const list = await runCli(["statements", "list", "-p", "2025-01", "-c", cfg, "--json"], {
      cwd: dir,
    });
    equal(list.code, 0, list.stderr);
    const rows = list.json<Record<string, unknown>[]>();
    deepEqual(rows.map((x) => [x.number, x.revision, x.billedCost, x.replaces, x.latest]), [
      ["2025-01-0001", 1, "120.01", null, false],
      ["2025-01-0001", 2, "110.01", 1, true],
      ["2025-01-0002", 1, "0.00", null, true],
      ["2025-01-0003", 1, "12.50", null, false],
      ["2025-01-0003", 2, "0.00", 1, true],
    ]);
    deepEqual(rows[1].amountChange, [{ currency: "USD", change: "-10.00" }]);
    for (const k of ["pi", "project", "pdf", "generatedAt", "sentAt"]) ok(k in rows[0]);
    const human = await runCli(["statements", "list", "-p", "2025-01", "-c", cfg], { cwd: dir });
    match(human.stdout, /2025-01-0001 r2 .* replaces r1 \(change -10\.00 USD\)/);

    execSql(db, "UPDATE periods SET status = 'finalized' WHERE period = '2025-01'");
    const fin = await runCli(["generate", "-p", "2025-01", "-c", cfg], { cwd: dir });
    equal(fin.code, 1);
    match(fin.stderr, /generate refused: period 2025-01 is finalized/);
    equal(querySql(db, "SELECT * FROM statements").length, 5);
  } finally {
    await cleanup();
  }
});

Deno.test("generate: a 1,600-charge statement spans pages, 'Page x of y' on each, exact total", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    const cfg = await writeStatementsConfig(dir);
    const charges: SeedCharge[] = [];
    let cents = 0;
    for (let i = 0; i < 1600; i++) {
      const c = 100 + (i % 97); // 1.00 .. 1.96
      cents += c;
      charges.push({
        pi: "Lukasz.Dvorak@example.edu",
        piName: "Łukasz Dvořák",
        project: "big",
        fund: "F-9",
        service: `Service ${i % 5}`,
        resource: `node-${String(i).padStart(4, "0")}`,
        billed: (c / 100).toFixed(2),
        list: "2.00",
        quantity: "24",
        unit: "Hours",
      });
    }
    seedCharges(`${dir}/instance/billing.db`, "2025-01", charges);
    const r = await runCli(["generate", "-p", "2025-01", "-c", cfg, "--json"], { cwd: dir });
    equal(r.code, 0, r.stderr);
    const s = r.json<GenJson>().statements[0];
    equal(s.billedCost, `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`);
    equal(s.pi, "lukasz.dvorak@example.edu");
    const text = await pdfText(s.pdf as string);
    const pages = [...text.matchAll(/Page (\d+) of (\d+)/g)];
    const total = Number(pages[0][2]);
    ok(total > 20, `only ${total} pages`);
    deepEqual(pages.map((p) => Number(p[1])), Array.from({ length: total }, (_, i) => i + 1));
    ok(pages.every((p) => Number(p[2]) === total));
    equal([...text.matchAll(/Date\s+Resource\s+Service\s+Quantity/g)].length >= total - 1, true);
    match(text, /Łukasz Dvořák/);
    match(text, /node-1599/);
  } finally {
    await cleanup();
  }
});

Deno.test("generate: statements.per: pi makes one consolidated statement per PI", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    const cfg = await writeStatementsConfig(dir, "statements:\n  per: pi\n");
    seedCharges(`${dir}/instance/billing.db`, "2025-01", baseCharges().slice(0, 4));
    const r = await runCli(["generate", "-p", "2025-01", "-c", cfg, "--json"], { cwd: dir });
    equal(r.code, 0, r.stderr);
    const st = r.json<GenJson>().statements;
    deepEqual(st.map((s) => [s.number, s.pi, s.project, s.fundOrg, s.billedCost]), [
      ["2025-01-0001", A, null, "F-1, F-2", "120.01"],
      ["2025-01-0002", B, null, "F-3", "12.50"],
    ]);
    match(st[0].pdf as string, /2025-01-0001_ada_all-projects\.pdf$/);
    const text = await pdfText(st[0].pdf as string);
    match(text, /alpha, beta/);
    match(text, /Date\s+Project\s+Resource/);
    const bad = await runCli(["generate", "-p", "2025-01", "-c", cfg, "--project", "alpha"], {
      cwd: dir,
    });
    equal(bad.code, 1);
    match(bad.stderr, /--project cannot be used with statements.per: pi/);
  } finally {
    await cleanup();
  }
});
