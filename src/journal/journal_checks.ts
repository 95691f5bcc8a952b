/**
 * The refusals of a GL journal: every problem is collected (not just the
 * first) so the user can fix them all in one go.
 */

import type { Config } from "../config/mod.ts";
import { minorDecimal } from "../domain/money_format.ts";
import type { Problem } from "../domain/problem_list.ts";
import { type FundOrgSplitter, splitFundOrg } from "./fund_org_split.ts";
import { countOf } from "../domain/plural.ts";

/** Charges totalled into one debit line. */
export interface DebitGroup {
  fundOrg: string;
  sourceKey: string;
  source: string;
  account: string;
  amount: number;
  charges: number;
  pendingCharges: number;
  piEmails: Set<string>;
  projectIds: Set<string>;
}

/** A source's charges, credited to its fund/org. */
export interface SourceGroup {
  sourceKey: string;
  source: string;
  fundOrg: string;
  account: string;
  amount: number;
  charges: number;
  pendingCharges: number;
}

/** What the checks need from the config. */
export interface CheckRules {
  splitter: FundOrgSplitter;
  accountRegex: RegExp | null;
  config: Config;
}

/**
 * The kinds of journal problem: what they are (plural) and the one setting that fixes
 * every problem of the kind, for the summary of a long refusal.
 */
const KINDS = {
  currencies: [
    "journals in several currencies",
    "journal in several currencies",
    "export one currency per journal",
  ],
  sourceFund: [
    "sources have no credit fund/org",
    "source has no credit fund/org",
    "set imports.known_sources[].fund_org",
  ],
  sourceFundRegex: [
    "source fund/orgs do not match journal.fund_org_regex",
    "source fund/org does not match journal.fund_org_regex",
    "correct imports.known_sources[].fund_org or journal.fund_org_regex",
  ],
  sourceAccount: [
    "sources have no credit account",
    "source has no credit account",
    "set journal.default_account (or imports.known_sources[].account_code)",
  ],
  sourceAccountRegex: [
    "source accounts do not match journal.account_code_regex",
    "source account does not match journal.account_code_regex",
    "correct imports.known_sources[].account_code or journal.account_code_regex",
  ],
  debitFund: [
    "charge groups have no fund/org",
    "charge group has no fund/org",
    "tag the charges with fund_org (or map them with attribution rules)",
  ],
  debitFundRegex: [
    "fund/orgs do not match journal.fund_org_regex",
    "fund/org does not match journal.fund_org_regex",
    "set journal.fund_org_regex to match them, or correct the charges' fund_org",
  ],
  debitAccount: [
    "fund/orgs have no account",
    "fund/org has no account",
    "set journal.default_account",
  ],
  debitAccountRegex: [
    "accounts do not match journal.account_code_regex",
    "account does not match journal.account_code_regex",
    "correct journal.account_code_regex or the charges' account_code",
  ],
} as const;

/** Every problem that makes the journal invalid, one line each (empty when fine). */
export function checkJournalProblems(
  debits: DebitGroup[],
  sources: SourceGroup[],
  currencies: Set<string>,
  rules: CheckRules,
): Problem[] {
  const found = new Map<string, Problem>();
  const problems = {
    add(kind: keyof typeof KINDS, text: string) {
      const [many, one, fix] = KINDS[kind];
      if (!found.has(text)) found.set(text, { text, kind: many, kindOne: one, fix });
    },
  };
  const { splitter, accountRegex } = rules;
  const regexText = rules.config.journal.fund_org_regex;
  const accountRegexText = rules.config.journal.account_code_regex;
  if (currencies.size > 1) {
    problems.add(
      "currencies",
      `charges in ${currencies.size} currencies (${[...currencies].sort().join(", ")}): ` +
        "a GL journal is in one currency.",
    );
  }
  const sortedSources = [...sources].sort((a, b) => (a.sourceKey < b.sourceKey ? -1 : 1));
  for (const s of sortedSources) {
    const money = minorDecimal(s.amount, [...currencies][0] ?? rules.config.currency);
    if (!s.fundOrg) {
      problems.add(
        "sourceFund",
        `source '${s.source}': no credit fund/org (${countOf(s.charges, "charge")}, ${money}); ` +
          `set imports.known_sources[name=${s.source}].fund_org.`,
      );
    } else if (!splitFundOrg(splitter, s.fundOrg).matched) {
      problems.add(
        "sourceFundRegex",
        `source '${s.source}': credit fund/org '${s.fundOrg}' does not match journal.fund_org_regex '${regexText}'.`,
      );
    }
    if (!s.account) {
      problems.add(
        "sourceAccount",
        `source '${s.source}': no account for its credit line; ` +
          "set imports.known_sources[].account_code or journal.default_account.",
      );
    } else if (accountRegex && !accountRegex.test(s.account)) {
      problems.add(
        "sourceAccountRegex",
        `source '${s.source}': account '${s.account}' does not match journal.account_code_regex '${accountRegexText}'.`,
      );
    }
  }
  const sortedDebits = [...debits].sort((a, b) =>
    a.fundOrg + "\u0000" + a.sourceKey < b.fundOrg + "\u0000" + b.sourceKey ? -1 : 1
  );
  for (const d of sortedDebits) {
    const who = `source '${d.source}', ${countOf(d.charges, "charge")} of ${
      [...d.piEmails].filter(Boolean).sort().join(", ") || "no PI"
    }`;
    if (!d.fundOrg) {
      problems.add("debitFund", `no fund/org on charges (${who}).`);
    } else if (!splitFundOrg(splitter, d.fundOrg).matched) {
      problems.add(
        "debitFundRegex",
        `fund/org '${d.fundOrg}' (${who}) does not match journal.fund_org_regex '${regexText}'.`,
      );
    }
    if (!d.account) {
      problems.add(
        "debitAccount",
        `fund/org '${d.fundOrg}', source '${d.source}': no account (no account_code tag, ` +
          "none in imports.known_sources, no journal.default_account).",
      );
    } else if (accountRegex && !accountRegex.test(d.account)) {
      problems.add(
        "debitAccountRegex",
        `account '${d.account}' (fund/org '${d.fundOrg}', source '${d.source}') does not match journal.account_code_regex '${accountRegexText}'.`,
      );
    }
  }
  return [...found.values()];
}
