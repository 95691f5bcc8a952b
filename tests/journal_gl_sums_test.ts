/**
 * GL journals from sums made in SQL: the same lines, totals and refusals as
 * building them from every charge in JS, on a real SQLite file. The money
 * rule: each statement's exact sum is rounded once (half away from zero) and
 * allocated over its (source, fund/org, account) groups by largest remainder.
 */

import { deepEqual, equal, throws } from "node:assert/strict";
import type { AppContext } from "../src/app_context.ts";
import { parseConfigText } from "../src/config/mod.ts";
import { RuleError } from "../src/domain/errors.ts";
import {
  buildJournalEntries,
  glJournalEntries,
  loadJournalCharges,
  loadJournalGroups,
} from "../src/journal/mod.ts";
import { openDatabase } from "../src/storage/mod.ts";
import {
  listBillableGroups,
  listBillableGroupsFromCharges,
} from "../src/storage/billable_charges_repo.ts";
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
        loadJournalCharges(ctx.db, ctx.config, "2025-01", includePending),
        "2025-01",
        ctx.config,
      );
      const gl = glJournalEntries(ctx, "2025-01", includePending);
      deepEqual(gl.journal, perCharge);
      equal(gl.charges, includePending ? 10 : 9);
    }
    const gl = glJournalEntries(ctx, "2025-01", false).journal;
    // statements (per PI and project), each rounded once:
    //   a@/p1: 0.005 - 0.005 (AWS) + 12.125 (Storage) = 12.125 -> 12.13: AWS 0.00, Storage 12.13
    //   b@/p2: 1.234999 - 3.335 = -2.100001 -> -2.10 (the padded fund/orgs merge)
    //   (no PI): 2.345 -> 2.35
    //   c@/p3: 10 (account 4600) + 0.004 + 7 (approved) = 17.004 -> 17.00: 10.00 + 7.00
    // BIO-100/AWS: 0.00 - 2.10 + 2.35 = 0.25 (per-line rounding made it 0.24)
    deepEqual(
      gl.entries.map((e) => [e.type, e.fundOrg, e.account, e.amount, e.charges, e.piEmail]),
      [
        ["debit", "BIO-100", "4500", 250_000, 5, "a@x.edu;b@x.edu"],
        ["debit", "BIO-100", "4999", 12_130_000, 1, "a@x.edu"],
        ["debit", "CHEM-200", "4500", 7_000_000, 2, "c@x.edu"],
        ["debit", "CHEM-200", "4600", 10_000_000, 1, "c@x.edu"],
        ["credit", "RC-900", "4500", 17_250_000, 8, ""],
        ["credit", "RC-901", "4999", 12_130_000, 1, ""],
      ],
    );
    // = 12.13 - 2.10 + 2.35 + 17.00: the sum of the statements' amounts due
    equal(gl.debitTotal, 29_380_000);
    const withPending = glJournalEntries(ctx, "2025-01", true).journal;
    equal(withPending.debitTotal, 34_380_000); // c@/p3: 22.004 -> 22.00
    equal(
      withPending.entries.find((e) => e.account === "4500" && e.fundOrg === "CHEM-200")!
        .pendingCharges,
      1,
    );
  });
});

Deno.test("gl from SQL sums: groups hold the distinct PIs and projects, one per trimmed key", async () => {
  await withContext(CHARGES, CONFIG, (ctx) => {
    const groups = loadJournalGroups(ctx.db, ctx.config, "2025-01", false);
    const bio = groups.filter((g) => g.sourceKey === "aws" && g.fundOrg === "BIO-100");
    // "BIO-100", " BIO-100 " and "\tBIO-100" are three stored values, trimmed alike: one group
    equal(bio.length, 1);
    equal(bio[0].billedCents, 250_000);
    equal(bio[0].billedExact, 244_999); // 0.005 - 0.005 + 1.234999 + 2.345 - 3.335
    deepEqual(
      [bio[0].charges, bio[0].piEmails, bio[0].projectIds],
      [5, ["", "a@x.edu", "b@x.edu"], ["", "p1", "p2"]],
    );
    equal(loadJournalGroups(ctx.db, ctx.config, "2024-12", false).length, 0);
  });
});

Deno.test("gl from SQL sums: a refusal lists several accounts in account order, both ways", async () => {
  // a@ (statement order first) has account 4700, b@ 4600: groups come in account order
  const charges: SeedCharge[] = [
    { source: "AWS", pi: "b@x.edu", fundOrg: "BIO-100", account: "4600", billed: "2" },
    { source: "AWS", pi: "a@x.edu", fundOrg: "BIO-100", account: "4700", billed: "1" },
    { source: "AWS", pi: "c@x.edu", fundOrg: "bad", billed: "3" },
  ];
  const config = CONFIG + '  account_code_regex: "45"\n';
  await withContext(charges, config, (ctx) => {
    const expected = [
      "account '4600' (fund/org 'BIO-100', source 'AWS') does not match journal.account_code_regex '45'.",
      "account '4700' (fund/org 'BIO-100', source 'AWS') does not match journal.account_code_regex '45'.",
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
        loadJournalCharges(ctx.db, ctx.config, "2025-01", false),
        "2025-01",
        ctx.config,
      )
    );
    deepEqual(perCharge, expected);
    deepEqual(refusal(() => glJournalEntries(ctx, "2025-01", false)), expected);
  });
});

Deno.test("gl from SQL sums with people: false: the same lines; a refusal still names the PIs", async () => {
  await withContext(CHARGES, CONFIG, (ctx) => {
    const full = glJournalEntries(ctx, "2025-01", false).journal;
    const lean = glJournalEntries(ctx, "2025-01", false, { people: false }).journal;
    deepEqual(lean.entries, full.entries);
    equal(lean.debitTotal, 29_380_000);
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

/** Account codes every way a group can hold them: none, some, all, empty text, pending, JPY. */
const CODED: SeedCharge[] = [
  ...CHARGES,
  {
    source: "AWS",
    pi: "d@x.edu",
    project: "p4",
    fundOrg: "BIO-100",
    account: "4700",
    billed: "1.5",
  },
  { source: "AWS", pi: "d@x.edu", project: "p4", fundOrg: "BIO-100", account: "4800", billed: "2" },
  { source: "AWS", pi: "d@x.edu", project: "p4", fundOrg: "BIO-100", account: "", billed: "3" },
  {
    source: "AWS",
    pi: "d@x.edu",
    project: "p4",
    fundOrg: "BIO-100",
    account: "4700",
    billed: "4",
    status: "pending",
  },
  { source: "AWS", pi: "d@x.edu", project: "p4", fundOrg: "BIO-100", billed: "5", currency: "JPY" },
  { source: "AWS", pi: null, project: null, fundOrg: null, account: "4900", billed: "6" },
];

Deno.test("gl groups from the rollups equal the groups summed from the charges", async () => {
  await withContext(CODED, CONFIG, (ctx) => {
    for (const includePending of [false, true]) {
      const f = { period: "2025-01", includePending };
      deepEqual(listBillableGroups(ctx.db, f), listBillableGroupsFromCharges(ctx.db, f));
    }
    const groups = listBillableGroups(ctx.db, { period: "2025-01", includePending: true });
    const d = groups.filter((g) => g.pi_email === "d@x.edu");
    // d@/p4 has no USD charge without an account code: no USD group with a NULL account
    deepEqual(
      d.map((g) => [g.account_code, g.billing_currency, g.billed_exact, g.charges, g.pending]),
      [
        [null, "JPY", 5_000_000, 1, 0],
        ["", "USD", 3_000_000, 1, 0],
        ["4700", "USD", 5_500_000, 2, 1],
        ["4800", "USD", 2_000_000, 1, 0],
      ],
    );
    // c@/p3 (no pending): 0.004 + 7 without an account, 10 with " 4600 "; the rejected 9 left out
    deepEqual(
      listBillableGroups(ctx.db, { period: "2025-01" }).filter((g) => g.pi_email === "c@x.edu")
        .map((g) => [g.account_code, g.billed_exact, g.charges]),
      [[null, 7_004_000, 2], [" 4600 ", 10_000_000, 1]],
    );
    equal(listBillableGroups(ctx.db, { period: "2024-12" }).length, 0);
  });
});

Deno.test("gl groups: rollups that disagree with the charges fall back to the charges", async () => {
  await withContext(CODED, CONFIG, (ctx) => {
    const f = { period: "2025-01", includePending: true };
    const truth = listBillableGroupsFromCharges(ctx.db, f);
    // a rollup smaller than its coded charges (edited by hand, triggers bypassed)
    ctx.db.run(
      `UPDATE charge_rollups SET charges = 0 WHERE pi_email = 'd@x.edu'
         AND billing_currency = 'USD' AND review_status = 'none'`,
    );
    deepEqual(listBillableGroups(ctx.db, f), truth);
    // a coded charge whose rollup group is missing
    ctx.db.run("DELETE FROM charge_rollups WHERE pi_email IS NULL");
    deepEqual(listBillableGroups(ctx.db, f), truth);
  });
});

Deno.test("gl groups: a rollup larger than its charges (count or sum) falls back too", async () => {
  for (
    const edit of [
      "UPDATE charge_rollups SET billed_cost = billed_cost + 1 WHERE pi_email = 'a@x.edu'",
      "UPDATE charge_rollups SET charges = charges + 1 WHERE pi_email = 'b@x.edu'",
      "UPDATE charge_rollups SET billing_currency = 'EUR' WHERE pi_email = 'c@x.edu'",
    ]
  ) {
    await withContext(CODED, CONFIG, (ctx) => {
      const f = { period: "2025-01", includePending: true };
      const truth = listBillableGroupsFromCharges(ctx.db, f);
      ctx.db.run(edit);
      deepEqual(listBillableGroups(ctx.db, f), truth, edit);
    });
  }
});
