/**
 * Double entry: charges -> debit lines per (fund/org, source, account) and one
 * credit line per source to its `imports.known_sources` fund/org. Pure code.
 * Anything that would make a bad GL file (no credit fund/org, fund/org or
 * account failing its regex, no account, mixed currencies) refuses the whole
 * journal, listing every offending item.
 */

import type { Config } from "../config/mod.ts";
import { compileConfigRegex } from "../config/mod.ts";
import { RuleError } from "../domain/errors.ts";
import type { FundingRules } from "../domain/funding.ts";
import { knownSourceFor } from "../sources/mod.ts";
import {
  allocateJournalGroups,
  chargeParts,
  type JournalCharge,
  type JournalChargeGroup,
  projectSplits,
} from "./journal_charges.ts";
import { compileFundOrgSplitter, type FundOrgFields, splitFundOrg } from "./fund_org_split.ts";
import { formatDescription, journalReferenceId } from "./journal_text.ts";
import { checkJournalProblems, type DebitGroup, type SourceGroup } from "./journal_checks.ts";
import { countOf } from "../domain/plural.ts";

/** One GL line. `amount` is positive micro-units (whole cents). */
export interface JournalEntry extends FundOrgFields {
  line: number;
  type: "debit" | "credit";
  fundOrg: string;
  account: string;
  amount: number;
  currency: string;
  description: string;
  referenceId: string;
  source: string;
  sourceKey: string;
  /** PI / project of the line: one value, or the distinct values joined by ";". */
  piEmail: string;
  projectId: string;
  charges: number;
  pendingCharges: number;
}

/** Debit and credit lines with their totals (always equal). */
export interface JournalEntries {
  entries: JournalEntry[];
  debitTotal: number;
  creditTotal: number;
  /** Named groups of journal.fund_org_regex, in pattern order. */
  groupNames: string[];
  currency: string;
}

function joined(values: Set<string>): string {
  return [...values].filter((v) => v !== "").sort().join(";");
}

/**
 * Build the balanced GL lines of `charges` (the billable charges of `period`):
 * grouped per statement (statements.per), each statement's amount due
 * allocated over its groups, as loadJournalGroups does from SQL sums. Throws
 * a RuleError listing every problem when a balanced, valid journal cannot be
 * made. Lines of zero amount are left out; a negative total (a refund) is
 * posted on the opposite side.
 */
export function buildJournalEntries(
  charges: Iterable<JournalCharge>,
  period: string,
  config: Config,
  funding?: FundingRules,
): JournalEntries {
  const groups = allocateJournalGroups(
    chargeParts(charges),
    config.statements.per,
    projectSplits(config, period, funding),
  );
  return buildJournalEntriesFromGroups(groups, period, config);
}

/**
 * The balanced lines of groups already allocated per (fund/org, source,
 * account tag, currency): debits per (fund/org, source, account), one credit
 * per source. Debits = credits = the sum of the groups' allocated amounts.
 */
export function buildJournalEntriesFromGroups(
  groups: Iterable<JournalChargeGroup>,
  period: string,
  config: Config,
): JournalEntries {
  const j = config.journal;
  const splitter = compileFundOrgSplitter(j.fund_org_regex);
  const accountRegex = j.account_code_regex.trim()
    ? compileConfigRegex(`^(?:${j.account_code_regex})`, "journal.account_code_regex")
    : null;
  const debits = new Map<string, DebitGroup>();
  const sources = new Map<string, SourceGroup>();
  const currencies = new Set<string>();
  for (const c of groups) {
    currencies.add(c.currency);
    const known = knownSourceFor(config, c.sourceKey);
    const account = c.accountCode || known?.account_code.trim() || j.default_account.trim();
    const key = [c.fundOrg, c.sourceKey, account].join("\u0000");
    let d = debits.get(key);
    if (!d) {
      d = {
        fundOrg: c.fundOrg,
        sourceKey: c.sourceKey,
        source: c.source,
        account,
        amount: 0,
        charges: 0,
        pendingCharges: 0,
        piEmails: new Set(),
        projectIds: new Set(),
      };
      debits.set(key, d);
    }
    d.amount += c.billedCents;
    d.charges += c.charges;
    d.pendingCharges += c.pendingCharges;
    for (const pi of c.piEmails) d.piEmails.add(pi);
    for (const p of c.projectIds) d.projectIds.add(p);
    let s = sources.get(c.sourceKey);
    if (!s) {
      s = {
        sourceKey: c.sourceKey,
        source: c.source,
        fundOrg: known?.fund_org.trim() ?? "",
        account: known?.account_code.trim() || j.default_account.trim(),
        amount: 0,
        charges: 0,
        pendingCharges: 0,
      };
      sources.set(c.sourceKey, s);
    }
    s.amount += c.billedCents;
    s.charges += c.charges;
    s.pendingCharges += c.pendingCharges;
  }
  const problems = checkJournalProblems(
    [...debits.values()],
    [...sources.values()],
    currencies,
    { splitter, accountRegex, config },
  );
  if (problems.length > 0) {
    throw new RuleError(
      `journal export refused: ${
        countOf(problems.length, "problem")
      } would make an invalid GL journal; nothing was written.`,
      {
        problems,
        hint:
          "Fix the config (imports.known_sources, journal.*) or the charges' tags, then export again.",
      },
    );
  }
  const currency = [...currencies][0] ?? config.currency;
  const referenceId = journalReferenceId(period);
  const entries: JournalEntry[] = [];
  const sortKey = (a: string[], b: string[]) => (a.join("\u0000") < b.join("\u0000") ? -1 : 1);
  const debitList = [...debits.values()].sort((a, b) =>
    sortKey([a.fundOrg, a.sourceKey, a.account], [b.fundOrg, b.sourceKey, b.account])
  );
  for (const d of debitList) {
    if (d.amount === 0) continue;
    const piEmail = joined(d.piEmails);
    const projectId = joined(d.projectIds);
    entries.push({
      ...splitFundOrg(splitter, d.fundOrg),
      line: 0,
      type: d.amount > 0 ? "debit" : "credit",
      fundOrg: d.fundOrg,
      account: d.account,
      amount: Math.abs(d.amount),
      currency,
      description: formatDescription(j.debit_description, j.description_max, {
        source: d.source,
        period,
        fund_org: d.fundOrg,
        pi_email: piEmail,
        project_id: projectId,
      }),
      referenceId,
      source: d.source,
      sourceKey: d.sourceKey,
      piEmail,
      projectId,
      charges: d.charges,
      pendingCharges: d.pendingCharges,
    });
  }
  const creditList = [...sources.values()].sort((a, b) =>
    sortKey([a.fundOrg, a.sourceKey], [b.fundOrg, b.sourceKey])
  );
  for (const s of creditList) {
    if (s.amount === 0) continue;
    entries.push({
      ...splitFundOrg(splitter, s.fundOrg),
      line: 0,
      type: s.amount > 0 ? "credit" : "debit",
      fundOrg: s.fundOrg,
      account: s.account,
      amount: Math.abs(s.amount),
      currency,
      description: formatDescription(j.credit_description, j.description_max, {
        source: s.source,
        period,
        fund_org: s.fundOrg,
        pi_email: "",
        project_id: "",
      }),
      referenceId,
      source: s.source,
      sourceKey: s.sourceKey,
      piEmail: "",
      projectId: "",
      charges: s.charges,
      pendingCharges: s.pendingCharges,
    });
  }
  // debits first, then credits (stable within each side)
  const ordered = [
    ...entries.filter((e) => e.type === "debit"),
    ...entries.filter((e) => e.type === "credit"),
  ];
  ordered.forEach((e, i) => (e.line = i + 1));
  const debitTotal = ordered.filter((e) => e.type === "debit").reduce((t, e) => t + e.amount, 0);
  const creditTotal = ordered.filter((e) => e.type === "credit").reduce((t, e) => t + e.amount, 0);
  if (debitTotal !== creditTotal || !Number.isSafeInteger(debitTotal)) {
    throw new Error(`unbalanced journal (bug): debits ${debitTotal} != credits ${creditTotal}`);
  }
  return { entries: ordered, debitTotal, creditTotal, groupNames: splitter.groupNames, currency };
}
