/**
 * GL journals from sums made in SQL: the same lines, totals and refusals as
 * adding up every charge in JS (each charge rounded to cents first, half away
 * from zero), on a real SQLite file.
 */

import { deepEqual, equal, throws } from "node:assert/strict";
import type { AppContext } from "../src/app_context.ts";
import { parseConfigText } from "../src/config/mod.ts";
import { RuleError } from "../src/domain/errors.ts";
import {
  buildJournalEntries,
  glJournalEntries,
  iterateJournalCharges,
  loadJournalGroups,
  refusalOrderMatters,
} from "../src/journal/mod.ts";
import { openDatabase } from "../src/storage/mod.ts";
import { tempWorkspace } from "./cli_harness.ts";
import { type SeedCharge, seedCharges } from "./journal_seed.ts";

const CONFIG = `imports:
  known_sources:
    - {name: AWS, fund_org: "RC-900", account_code: "4500"}
    - {name: Storage, fund_org: "RC-901", account_code: ""}
journal:
  fund_org_regex: "^(?P<orgn>[A-Z]+)-(?P<fund>\\\\d+)$"
  default_account: "4999"
`;

/** Awkward amounts (half cents both ways), padded fund/orgs, missing PIs, every review state. */
const CHARGES: SeedCharge[] = [
  { source: "AWS", pi: "a@x.edu", project: "p1", fundOrg: "BIO-100", billed: "0.005" },
  { source: "AWS", pi: "a@x.edu", project: "p1", fundOrg: "BIO-100", billed: "-0.005" },
  { source: "AWS", pi: "b@x.edu", project: "p2", fundOrg: " BIO-100 ", billed: "1.234999" },
  { source: "AWS", pi: null, project: null, fundOrg: "\tBIO-100", billed: "2.345" },
  { source: "AWS", pi: "b@x.edu", project: "p2", fundOrg: "BIO-100", billed: "-3.3350" },
  {
    source: "AWS",
    pi: "c@x.edu",
    project: "p3",
    fundOrg: "CHEM-200",
    account: " 4600 ",
    billed: "10",
  },
  { source: "AWS", pi: "c@x.edu", project: "p3", fundOrg: "CHEM-200", billed: "0.004" },
  {
    source: "AWS",
    pi: "c@x.edu",
    project: "p3",
    fundOrg: "CHEM-200",
    billed: "5",
    status: "pending",
  },
  {
    source: "AWS",
    pi: "c@x.edu",
    project: "p3",
    fundOrg: "CHEM-200",
    billed: "7",
    status: "approved",
  },
  {
    source: "AWS",
    pi: "c@x.edu",
    project: "p3",
    fundOrg: "CHEM-200",
    billed: "9",
    status: "rejected",
  },
  { source: "Storage", pi: "a@x.edu", project: "p1", fundOrg: "BIO-100", billed: "12.125" },
  {
    source: "Storage",
    pi: "a@x.edu",
    project: "p1",
    fundOrg: "BIO-100",
    billed: "99",
    period: "2025-02",
  },
];

async function withContext(
  charges: SeedCharge[],
  config: string,
  fn: (ctx: AppContext) => void,
): Promise<void> {
  const { dir, cleanup } = await tempWorkspace("oc-journal-sums-");
  const path = `${dir}/db.sqlite`;
  seedCharges(path, charges);
  const db = openDatabase(path);
  try {
    const ctx: AppContext = {
      config: parseConfigText(config, "test.yaml").config,
      configPath: null,
      db,
      actor: "test",
      now: () => new Date("2025-02-03T10:00:00Z"),
    };
    fn(ctx);
  } finally {
    db.close();
    await cleanup();
  }
}

Deno.test("gl from SQL sums: same lines and totals as the per-charge build, to the cent", async () => {
  await withContext(CHARGES, CONFIG, (ctx) => {
    for (const includePending of [false, true]) {
      const perCharge = buildJournalEntries(
        iterateJournalCharges(ctx.db, ctx.config, "2025-01", includePending),
        "2025-01",
        ctx.config,
      );
      const gl = glJournalEntries(ctx, "2025-01", includePending);
      deepEqual(gl.journal, perCharge);
      equal(gl.charges, includePending ? 10 : 9);
    }
    const gl = glJournalEntries(ctx, "2025-01", false).journal;
    // BIO-100/AWS: 0.01 - 0.01 + 1.23 + 2.35 - 3.34 = 0.24 (the padded fund/orgs merge)
    deepEqual(
      gl.entries.map((e) => [e.type, e.fundOrg, e.account, e.amount, e.charges, e.piEmail]),
      [
        ["debit", "BIO-100", "4500", 240_000, 5, "a@x.edu;b@x.edu"],
        ["debit", "BIO-100", "4999", 12_130_000, 1, "a@x.edu"],
        ["debit", "CHEM-200", "4500", 7_000_000, 2, "c@x.edu"],
        ["debit", "CHEM-200", "4600", 10_000_000, 1, "c@x.edu"],
        ["credit", "RC-900", "4500", 17_240_000, 8, ""],
        ["credit", "RC-901", "4999", 12_130_000, 1, ""],
      ],
    );
    equal(gl.debitTotal, 29_370_000);
    const withPending = glJournalEntries(ctx, "2025-01", true).journal;
    equal(withPending.debitTotal, 34_370_000);
    equal(
      withPending.entries.find((e) => e.account === "4500" && e.fundOrg === "CHEM-200")!
        .pendingCharges,
      1,
    );
  });
});

Deno.test("gl from SQL sums: groups hold the distinct PIs and projects, one row per stored key", async () => {
  await withContext(CHARGES, CONFIG, (ctx) => {
    const groups = loadJournalGroups(ctx.db, ctx.config, "2025-01", false);
    const bio = groups.filter((g) => g.sourceKey === "aws" && g.fundOrg === "BIO-100");
    // "BIO-100", " BIO-100 " and "\tBIO-100" are three stored values, trimmed alike
    equal(bio.length, 3);
    equal(bio.reduce((t, g) => t + g.billedCents, 0), 240_000);
    deepEqual(
      bio.map((g) => [g.charges, g.piEmails.sort(), g.projectIds.sort()]).sort(),
      [[1, [""], [""]], [1, ["b@x.edu"], ["p2"]], [3, ["a@x.edu", "b@x.edu"], ["p1", "p2"]]]
        .sort(),
    );
    equal(refusalOrderMatters(groups), true);
    equal(loadJournalGroups(ctx.db, ctx.config, "2024-12", false).length, 0);
  });
});

Deno.test("gl from SQL sums: a refusal listing several accounts keeps the statement order", async () => {
  // a@ (statement order first) has account 4700, b@ 4600: SQL groups come 4600 first
  const charges: SeedCharge[] = [
    { source: "AWS", pi: "b@x.edu", fundOrg: "BIO-100", account: "4600", billed: "2" },
    { source: "AWS", pi: "a@x.edu", fundOrg: "BIO-100", account: "4700", billed: "1" },
    { source: "AWS", pi: "c@x.edu", fundOrg: "bad", billed: "3" },
  ];
  const config = CONFIG + '  account_code_regex: "45"\n';
  await withContext(charges, config, (ctx) => {
    const expected = [
      "account '4700' (fund/org 'BIO-100', source 'AWS') does not match journal.account_code_regex '45'.",
      "account '4600' (fund/org 'BIO-100', source 'AWS') does not match journal.account_code_regex '45'.",
      "fund/org 'bad' (source 'AWS', 1 charge of c@x.edu) does not match journal.fund_org_regex " +
      "'^(?P<orgn>[A-Z]+)-(?P<fund>\\d+)$'.",
    ];
    const refusal = (fn: () => unknown) => {
      let details: string[] = [];
      throws(fn, (e) => {
        details = (e as RuleError).details as string[];
        return e instanceof RuleError;
      });
      return details;
    };
    const perCharge = refusal(() =>
      buildJournalEntries(
        iterateJournalCharges(ctx.db, ctx.config, "2025-01", false),
        "2025-01",
        ctx.config,
      )
    );
    deepEqual(perCharge, expected);
    deepEqual(refusal(() => glJournalEntries(ctx, "2025-01", false)), expected);
  });
});

Deno.test("gl from SQL sums without people: same amounts; a refusal still names the PIs", async () => {
  await withContext(CHARGES, CONFIG, (ctx) => {
    const full = glJournalEntries(ctx, "2025-01", false).journal;
    const lean = glJournalEntries(ctx, "2025-01", false, { people: false }).journal;
    deepEqual(
      lean.entries,
      full.entries.map((e) => ({ ...e, piEmail: "", projectId: "" })),
    );
    equal(lean.debitTotal, 29_370_000);
  });
  const charges: SeedCharge[] = [
    { source: "AWS", pi: "a@x.edu", fundOrg: "BIO-100", billed: "1" },
    { source: "AWS", pi: "b@x.edu", fundOrg: "bad", billed: "2" },
    { source: "AWS", pi: "c@x.edu", fundOrg: "bad", billed: "3" },
  ];
  await withContext(charges, CONFIG, (ctx) => {
    throws(() => glJournalEntries(ctx, "2025-01", false, { people: false }), (e) => {
      deepEqual((e as RuleError).details, [
        "fund/org 'bad' (source 'AWS', 2 charges of b@x.edu, c@x.edu) does not match " +
        "journal.fund_org_regex '^(?P<orgn>[A-Z]+)-(?P<fund>\\d+)$'.",
      ]);
      return true;
    });
  });
});
