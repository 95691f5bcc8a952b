/**
 * The money rule end to end on a month of many sub-cent lines of our own
 * (written by this test into a real SQLite file), through the real CLI:
 * statements total their exact sums rounded once, journals bill exactly the
 * statements, a credit-only statement reads as a credit, JPY has no
 * decimals, and statements issued under the old rule come back as revisions
 * showing their change.
 */

import { deepEqual, equal, match, ok } from "node:assert/strict";
import { runCli, tempWorkspace } from "./cli_harness.ts";
import {
  execSql,
  parseMail,
  querySql,
  type SeedCharge,
  seedCharges,
  writeStatementsConfig,
} from "./statements_seed.ts";

const A = "ada@example.edu";
const B = "bob@example.edu";
const C = "cy@example.edu";

/**
 * 2025-01, USD. Ada/alpha: 2,000 lines of 0.004 (exact 8.00, per-line cents
 * 0.00), 1,000 of 0.005 (5.00; per-line 10.00) and 300 hourly lines of
 * 0.0879921530 (stored 0.087992: 26.3976; per-line 27.00), over funds F-1
 * and F-2 and services EC2 and S3: exact 39.3976 -> 39.40 (per-line: 37.00).
 * Bob/credit: a -2.00 credit and a 0.003 usage line: -1.997 -> -2.00, a
 * credit. Cy/gamma: 3 x 0.3333333 -> 1.00 (one line of 0.34, two of 0.33).
 */
function month(): SeedCharge[] {
  const out: SeedCharge[] = [];
  for (let i = 0; i < 2_000; i++) {
    out.push({
      pi: A,
      project: "alpha",
      fund: i % 2 ? "F-1" : "F-2",
      service: "EC2",
      billed: "0.004",
      list: "0.005",
    });
  }
  for (let i = 0; i < 1_000; i++) {
    out.push({
      pi: A,
      project: "alpha",
      fund: "F-1",
      service: "S3",
      billed: "0.005",
      list: "0.005",
    });
  }
  for (let i = 0; i < 300; i++) {
    out.push({
      pi: A,
      project: "alpha",
      fund: "F-2",
      service: "EC2",
      billed: "0.0879921530",
      list: "0.0977690589",
    });
  }
  out.push({
    pi: B,
    project: "credit",
    fund: "F-3",
    service: "EC2",
    billed: "-2.00",
    list: "-2.00",
    category: "Credit",
  });
  out.push({
    pi: B,
    project: "credit",
    fund: "F-3",
    service: "EC2",
    billed: "0.003",
    list: "0.003",
  });
  for (let i = 0; i < 3; i++) {
    out.push({
      pi: C,
      project: "gamma",
      fund: "F-3",
      service: "Storage",
      billed: "0.3333333",
      list: "0.3333333",
    });
  }
  return out;
}

const CONFIG = `imports:
  known_sources:
    - {name: aws, fund_org: "RC-900", account_code: "4500"}
email:
  from_address: billing@example.edu
`;

interface Gen {
  statements: {
    number: string;
    pi: string;
    project: string;
    billedCost: string;
    status: string;
    revision: number;
  }[];
}

Deno.test("money e2e: sub-cent month, credit statement, JPY, old-rule statements revised", async () => {
  const { dir, cleanup } = await tempWorkspace("oc-money-e2e-");
  const db = `${dir}/instance/billing.db`;
  try {
    const cfg = await writeStatementsConfig(dir, CONFIG);
    seedCharges(db, "2025-01", month(), { periodStatus: "closed" });
    const run = async (args: string[]) => {
      const r = await runCli([...args, "-c", cfg], { cwd: dir });
      equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
      return r;
    };
    const g = (await run(["generate", "-p", "2025-01", "--send", "--json"])).json<Gen>();
    deepEqual(g.statements.map((s) => [s.pi, s.project, s.billedCost]), [
      [A, "alpha", "39.40"], // exact 39.3976 rounded once (per-line rounding: 37.00)
      [B, "credit", "-2.00"], // -1.997
      [C, "gamma", "1.00"], // 0.9999999
    ]);
    // the journals bill the statements: 39.40 - 2.00 + 1.00 = 38.40
    for (const format of ["summary", "detail"]) {
      const j = (await run(["export-journal", "-p", "2025-01", "-f", format, "--json"])).json<
        { debitTotal: string; creditTotal: string }
      >();
      deepEqual([j.debitTotal, j.creditTotal], ["38.40", "38.40"], format);
    }
    // the GL credits the source the statements' 38.40; fund F-3 nets to a credit (-2.00 + 1.00),
    // posted on the credit side, so its debits and credits are both 39.40
    const glJson = (await run(["export-journal", "-p", "2025-01", "-f", "gl", "--json"])).json<
      { debitTotal: string; creditTotal: string }
    >();
    deepEqual([glJson.debitTotal, glJson.creditTotal], ["39.40", "39.40"]);
    // the detail rows are the statements' lines: every one within a cent of exact, adding up
    const detail = (await run(["export-journal", "-p", "2025-01", "-f", "detail", "-o", "-"]))
      .stdout.trim().split("\n").slice(1).map((l) => l.split(","));
    equal(detail.length, 3_305);
    const alpha = detail.filter((r) => r[3] === "alpha").map((r) =>
      Math.round(Number(r[10]) * 100)
    );
    equal(alpha.reduce((a, b) => a + b, 0), 3_940);
    ok(
      alpha.every((c) => c === 0 || c === 1 || c === 9 || c === 8),
      "each line 0.00-0.01 or 0.08-0.09",
    );
    const gamma = detail.filter((r) => r[3] === "gamma").map((r) => r[10]);
    deepEqual(gamma, ["0.34", "0.33", "0.33"]); // largest remainder, ties to the first line
    // the GL: each statement's cents allocated over its funds
    const gl = (await run(["export-journal", "-p", "2025-01", "-f", "gl", "-o", "-"])).stdout
      .trim().split("\n").map((l) => l.split(","));
    const [D, K] = [gl[0].indexOf("Debit"), gl[0].indexOf("Credit")];
    const debit = (fund: string) => gl.find((r) => r[2] === fund && r[1] === "Debit")?.[D];
    // alpha: F-1 = 1,000 x 0.004 + 1,000 x 0.005 = 9.00; F-2 = 4.00 + 26.3976 = 30.3976 -> 30.40
    equal(debit("F-1"), "9.00");
    equal(debit("F-2"), "30.40");
    equal(gl.find((r) => r[2] === "RC-900")?.[K], "38.40");
    // F-3: bob -2.00 + cy 1.00 = -1.00: a credit line on the fund
    equal(gl.find((r) => r[2] === "F-3")?.[1], "Credit");
    equal(gl.find((r) => r[2] === "F-3")?.[K], "1.00");
    // the credit statement's email says there is nothing to pay; Ada's gives her total
    const mailDir = `${dir}/instance/output/emails/2025-01`;
    const emails = [...Deno.readDirSync(mailDir)].map((e) =>
      parseMail(Deno.readTextFileSync(`${mailDir}/${e.name}`))
    );
    const bob = emails.find((m) => m.header("To")?.includes(B))!;
    match(bob.text, /Credit: \$2\.00 — nothing is due/);
    equal(bob.text.includes("-$2.00"), false);
    const ada = emails.find((m) => m.header("To")?.includes(A))!;
    match(ada.text, /Total due: \$39\.40/);

    // statements issued under the old rule (per-line cents) come back as revisions
    execSql(
      db,
      "UPDATE statements SET content_hash = 'money-rule-1', billed_cost = 37000000, totals = ? WHERE project_id = 'alpha'",
      JSON.stringify([{
        currency: "USD",
        billed: 37_000_000,
        list: 42_000_000,
        discount: 5_000_000,
        credits: 0,
      }]),
    );
    const again = (await run(["generate", "-p", "2025-01", "--json"])).json<Gen>();
    deepEqual(again.statements.map((s) => [s.project, s.status, s.revision]), [
      ["alpha", "revised", 2],
      ["credit", "unchanged", 1],
      ["gamma", "unchanged", 1],
    ]);
    const list = (await run(["statements", "list", "-p", "2025-01", "--json"])).json<
      { project: string; revision: number; amountChange: { change: string }[] | null }[]
    >();
    const rev = list.find((s) => s.project === "alpha" && s.revision === 2)!;
    deepEqual(rev.amountChange?.map((c) => c.change), ["2.40"]);
    equal(querySql<{ n: number }>(db, "SELECT count(*) AS n FROM statements")[0].n, 4);

    // JPY: no decimals in statements, journals and CLI text
    seedCharges(db, "2025-02", [
      {
        pi: A,
        project: "jp",
        fund: "F-J",
        service: "EC2",
        billed: "1234.505",
        list: "1500",
        currency: "JPY",
      },
      {
        pi: A,
        project: "jp",
        fund: "F-J",
        service: "S3",
        billed: "0.4",
        list: "0.4",
        currency: "JPY",
      },
      {
        pi: A,
        project: "jp",
        fund: "F-J",
        service: "S3",
        billed: "0.4",
        list: "0.4",
        currency: "JPY",
      },
    ]);
    const jp = (await run(["generate", "-p", "2025-02", "--json"])).json<Gen>();
    equal(jp.statements[0].billedCost, "1235"); // 1,235.305 yen rounded once
    const text = (await run(["generate", "-p", "2025-02", "--dry-run"])).stdout;
    match(text, /¥1,235/);
    equal(/¥1,23\d\.\d/.test(text), false);
    const jgl = (await run(["export-journal", "-p", "2025-02", "-f", "gl", "--json"])).json<
      { debitTotal: string }
    >();
    equal(jgl.debitTotal, "1235");
    const jdetail = (await run(["export-journal", "-p", "2025-02", "-f", "detail", "-o", "-"]))
      .stdout.trim().split("\n").slice(1).map((l) => l.split(",")[10]);
    // under 1,235: EC2 1,234.505 and S3 0.8 by largest remainder (S3's .8 wins), then S3's
    // two 0.4 lines (a tie: the first)
    deepEqual(jdetail, ["1234", "1", "0"]);
  } finally {
    await cleanup();
  }
});
