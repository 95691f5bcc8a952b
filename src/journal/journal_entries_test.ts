import { deepEqual, equal, throws } from "node:assert/strict";
import { parseConfigText } from "../config/mod.ts";
import { RuleError } from "../domain/errors.ts";
import { parseMicros } from "../domain/money.ts";
import type { JournalCharge } from "./journal_charges.ts";
import { buildJournalEntries } from "./journal_entries.ts";
import { compileFundOrgSplitter, splitFundOrg } from "./fund_org_split.ts";
import { formatDescription } from "./journal_text.ts";

const config = parseConfigText(
  `imports:
  known_sources:
    - {name: AWS, fund_org: "RC-900", account_code: "4500"}
journal:
  fund_org_regex: "^(?P<orgn>[A-Z]+)-(?P<fund>\\\\d+)(?:-(?P<program>P\\\\d))?$"
  debit_description: "{source} {period} {pi_email} {project_id} {other}"
  description_max: 30
`,
  "test.yaml",
).config;

function charge(over: Partial<JournalCharge> & { billed: string }): JournalCharge {
  const billedCents = parseMicros(over.billed)!;
  return {
    id: 1,
    period: "2025-01",
    statementKey: "a@x.edu\u001fp1",
    sourceKey: "aws",
    source: "AWS",
    piEmail: "a@x.edu",
    projectId: "p1",
    fundOrg: "BIO-100",
    accountCode: "",
    serviceName: "",
    resourceId: "",
    resourceName: "",
    currency: "USD",
    billedExact: billedCents,
    listExact: billedCents,
    listCents: billedCents,
    billedCents,
    discountCents: 0,
    pending: false,
    ...over,
  };
}

Deno.test("fund/org regex: Python named groups split into fields; optional groups are empty", () => {
  const s = compileFundOrgSplitter("^(?P<orgn>[^-]+)-(?P<fund>.+)$");
  deepEqual(s.groupNames, ["orgn", "fund"]);
  const f = splitFundOrg(s, "NSF-ATM-2024");
  deepEqual([f.matched, f.orgn, f.fund, f.program], [true, "NSF", "ATM-2024", ""]);
  equal(splitFundOrg(s, "NODASH").matched, false);
  const none = splitFundOrg(compileFundOrgSplitter(""), "ANY-THING");
  deepEqual([none.matched, none.fund, none.orgn], [true, "ANY-THING", ""]);
  // anchored at the start like Python's re.match
  equal(splitFundOrg(compileFundOrgSplitter("(?P<fund>\\d+)"), "X123").matched, false);
});

Deno.test("descriptions: placeholders filled, unknown braces kept, truncated without trailing space", () => {
  equal(
    formatDescription("{source} {period} {fund_org} {x}", 100, {
      source: "AWS",
      period: "2025-01",
      fund_org: "F-1",
      pi_email: "",
      project_id: "",
    }),
    "AWS 2025-01 F-1 {x}",
  );
  equal(
    formatDescription("{source} Research Computing", 4, {
      source: "AWS",
      period: "",
      fund_org: "",
      pi_email: "",
      project_id: "",
    }),
    "AWS",
  );
});

Deno.test("entries: debits per fund/org+source+account, one credit per source, balanced", () => {
  const j = buildJournalEntries(
    [
      charge({ id: 1, billed: "10.00" }),
      charge({ id: 2, billed: "5.25", piEmail: "b@x.edu", projectId: "p2" }),
      charge({ id: 3, billed: "1.00", accountCode: "7100", fundOrg: "CHEM-200-P1" }),
      charge({ id: 4, billed: "0.00", fundOrg: "ZERO-1" }),
    ],
    "2025-01",
    config,
  );
  deepEqual(j.groupNames, ["orgn", "fund", "program"]);
  deepEqual(
    j.entries.map((
      e,
    ) => [e.line, e.type, e.fundOrg, e.orgn, e.fund, e.program, e.account, e.amount]),
    [
      [1, "debit", "BIO-100", "BIO", "100", "", "4500", 15_250_000],
      [2, "debit", "CHEM-200-P1", "CHEM", "200", "P1", "7100", 1_000_000],
      [3, "credit", "RC-900", "RC", "900", "", "4500", 16_250_000],
    ],
  );
  // several PIs on one line are joined; description truncated to 30
  equal(j.entries[0].piEmail, "a@x.edu;b@x.edu");
  equal(j.entries[0].description, "AWS 2025-01 a@x.edu;b@x.edu p1");
  equal(j.debitTotal, 16_250_000);
  equal(j.creditTotal, j.debitTotal);
});

Deno.test("entries: a net refund is posted on the opposite side and still balances", () => {
  const j = buildJournalEntries(
    [
      charge({ id: 1, billed: "10.00" }),
      charge({ id: 2, billed: "-14.00", fundOrg: "CHEM-200" }),
    ],
    "2025-01",
    config,
  );
  deepEqual(j.entries.map((e) => [e.type, e.fundOrg, e.amount]), [
    ["debit", "BIO-100", 10_000_000],
    ["debit", "RC-900", 4_000_000],
    ["credit", "CHEM-200", 14_000_000],
  ]);
  equal(j.debitTotal, 14_000_000);
  equal(j.creditTotal, 14_000_000);
});

Deno.test("entries: refusals are one RuleError listing every problem", () => {
  const err = throws(
    () =>
      buildJournalEntries(
        [
          charge({ billed: "1.00", sourceKey: "hpc", source: "HPC" }),
          charge({ billed: "1.00", fundOrg: "bad" }),
        ],
        "2025-01",
        config,
      ),
    (e: unknown) => {
      if (!(e instanceof RuleError)) return false;
      deepEqual(e.details, [
        "source 'HPC': no credit fund/org (1 charge, 1.00); set imports.known_sources[name=HPC].fund_org.",
        "source 'HPC': no account for its credit line; set imports.known_sources[].account_code or journal.default_account.",
        "fund/org 'BIO-100', source 'HPC': no account (no account_code tag, none in imports.known_sources, no journal.default_account).",
        "fund/org 'bad' (source 'AWS', 1 charge of a@x.edu) does not match journal.fund_org_regex '^(?P<orgn>[A-Z]+)-(?P<fund>\\d+)(?:-(?P<program>P\\d))?$'.",
      ]);
      return true;
    },
  );
  equal(err, undefined);
});
