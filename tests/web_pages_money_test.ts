/**
 * One billed figure per scope on the web: the period page and the charges
 * page give the billable charges' exact sum rounded once (rejected never
 * counted, pending apart), the period page gives the statements' total and
 * the rounding once statements exist, and JPY prints without decimals.
 */

import { equal, match, ok } from "node:assert/strict";
import { generateStatements } from "../src/statements/mod.ts";
import { type SeedCharge, seedCharges } from "./statements_seed.ts";
import { send, sessionFor, webFixture } from "./web_harness.ts";
import { pageText } from "./web_pages_kit.ts";

const A = "ada@example.edu";
const B = "bob@example.edu";

Deno.test("web money: billable figure once rounded, pending apart, statements' rounding, JPY", async () => {
  const f = await webFixture();
  try {
    const usd: SeedCharge[] = [];
    // ada: 1,000 x 0.004 + 1 x 10.005 = 14.005 -> $14.01 (per-line cents: $10.01)
    for (let i = 0; i < 1_000; i++) {
      usd.push({
        pi: A,
        project: "alpha",
        fund: "F-1",
        service: "EC2",
        billed: "0.004",
        list: "0.004",
      });
    }
    usd.push({ pi: A, project: "alpha", fund: "F-1", service: "S3", billed: "10.005", list: "12" });
    // bob: 2.0049 -> $2.00; a pending 10.00 and a rejected 50.00
    usd.push({ pi: B, project: "beta", fund: "F-2", service: "EC2", billed: "2.0049", list: "3" });
    usd.push({
      pi: B,
      project: "beta",
      fund: "F-2",
      service: "EC2",
      billed: "10",
      list: "10",
      review: "pending",
    });
    usd.push({
      pi: B,
      project: "beta",
      fund: "F-2",
      service: "EC2",
      billed: "50",
      list: "50",
      review: "rejected",
    });
    seedCharges(f.config.database.path, "2025-01", usd);
    seedCharges(f.config.database.path, "2025-02", [
      {
        pi: A,
        project: "jp",
        fund: "F-J",
        service: "EC2",
        billed: "1234.505",
        list: "1500",
        currency: "JPY",
      },
    ]);
    const admin = sessionFor(f, "admin");
    const page = (path: string) => send(f, "GET", path, { as: admin }).then(pageText);

    // exact billable 16.009900 -> $16.01 (the pending $10.00 apart, the rejected $50.00 nowhere)
    let period = await page("/periods/2025-01");
    match(period, /Billed \$16\.01/);
    match(period, /Pending review \(not billed\): \$10\.00/);
    equal(period.includes("rounding"), false); // no statements yet
    const charges = await page("/charges?period=2025-01");
    match(
      charges,
      /1,004 charges · billed \$16\.01 · pending review 1 charges, \$10\.00 \(not billed\)/,
    );
    equal(charges.includes("$76.01"), false);

    await generateStatements(f.ctx(), { period: "2025-01", allowPending: true });
    // the statements: $14.01 + $2.00 = $16.01 against 16.0099 exact: rounding +0.0001
    period = await page("/periods/2025-01");
    match(period, /USD: statements 16\.01 · charges 16\.0099 · rounding \+0\.0001/);
    const statements = await page("/statements?period=2025-01");
    match(statements, /\$14\.01/);
    match(statements, /\$2\.00/);

    await generateStatements(f.ctx(), { period: "2025-02" });
    for (
      const path of ["/periods/2025-02", "/statements?period=2025-02", "/charges?period=2025-02"]
    ) {
      const text = await page(path);
      ok(text.includes("¥1,235"), `${path}: ${text.slice(0, 400)}`);
      equal(/¥1,23\d\.\d/.test(text), false, path);
    }
  } finally {
    await f.close();
  }
});
