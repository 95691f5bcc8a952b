/**
 * The built-in table formats: `detail` (one row per charge, per fund of a
 * split project), `summary` (one row per PI, project, fund/org, currency) and
 * `gl` (the double-entry lines).
 * Each returns the header and rows; the CSV writer turns them into text.
 * With pending charges included, a last column marks them.
 */

import type { CsvCell } from "../../domain/csv_write.ts";
import { allocateByParts } from "../../domain/allocate.ts";
import { roundToMinor } from "../../domain/currency.ts";
import { minorDecimal } from "../../domain/money_format.ts";
import type { JournalCharge } from "../journal_charges.ts";
import type { JournalEntries } from "../journal_entries.ts";
import type { FundShare } from "../../domain/funding.ts";
import { fundPercentCell, fundPortions } from "../fund_shares.ts";

/** A table: header and data rows. */
export interface JournalTable {
  header: string[];
  rows: CsvCell[][];
}

/** An amount as journals print it: a decimal in the currency's minor unit ("12.30", JPY "1235"). */
const money = (micros: number, currency: string) => minorDecimal(micros, currency);

/** Whether any charge's project is split across funds (adds the "Fund Percent" column). */
function anySplit(charges: readonly JournalCharge[]): boolean {
  return charges.some((c) => (c.split?.length ?? 0) > 0);
}

/**
 * One row per charge, in the statement order; a charge of a split project
 * one row per fund (in the split's order) with its share of the charge's
 * statement line (fund_shares.ts: the shares add up to the line) and, in a
 * "Fund Percent" column present only when the journal bills a split, the
 * fund's percent.
 */
export function detailTable(charges: readonly JournalCharge[], markPending: boolean): JournalTable {
  const withPercent = anySplit(charges);
  const header = [
    "Period",
    "Source",
    "PI Email",
    "Project ID",
    "Fund/Org",
    "Service",
    "Resource ID",
    "Resource Name",
    "List",
    "Discount",
    "Billed",
    "Currency",
    "Charge ID",
  ];
  if (withPercent) header.push("Fund Percent");
  if (markPending) header.push("Pending Review");
  const rows = charges.flatMap((c) =>
    fundPortions(c.fundOrg, c.split, [c.billedCents, c.listCents], c.currency).map((f) => {
      const [billed, list] = f.amounts;
      const row: CsvCell[] = [
        c.period,
        c.source,
        c.piEmail,
        c.projectId,
        f.fundOrg,
        c.serviceName,
        c.resourceId,
        c.resourceName,
        money(list, c.currency),
        money(list - billed, c.currency),
        money(billed, c.currency),
        c.currency,
        c.id,
      ];
      if (withPercent) row.push(fundPercentCell(f.hundredths));
      if (markPending) row.push(c.pending ? "yes" : "");
      return row;
    })
  );
  return { header, rows };
}

interface SummaryGroup {
  keys: string[];
  split: FundShare[] | null;
  n: number;
  pending: number;
  billedExact: number;
  listExact: number;
  list: number;
  billed: number;
}

interface SummaryRow {
  keys: string[];
  hundredths: number | null;
  n: number;
  pending: number;
  list: number;
  billed: number;
}

/**
 * One row per (PI, project, fund/org, currency), sorted by those keys. Each
 * statement's amount due and list price (its exact sums rounded once) are
 * allocated over its (PI, project, fund/org tag) groups by largest remainder,
 * ties to the first in that order, so the rows add up to the statements; a
 * split project's group is then divided over its funds by percent (the GL
 * rule, fund_shares.ts), one row per fund. A fund's row counts every charge
 * it bills a share of.
 */
export function summaryTable(
  charges: readonly JournalCharge[],
  markPending: boolean,
): JournalTable {
  const groups = new Map<string, SummaryGroup>();
  const statements = new Map<string, Set<string>>();
  for (const c of charges) {
    const keys = [c.piEmail, c.projectId, c.fundOrg, c.currency];
    const k = keys.join("\u0000");
    let g = groups.get(k);
    if (!g) {
      g = {
        keys,
        split: c.split?.length ? c.split : null,
        n: 0,
        pending: 0,
        billedExact: 0,
        listExact: 0,
        list: 0,
        billed: 0,
      };
      groups.set(k, g);
    }
    g.n++;
    if (c.pending) g.pending++;
    g.billedExact += c.billedExact;
    g.listExact += c.listExact;
    const sKey = c.statementKey + "\u0000" + c.currency;
    const rows = statements.get(sKey) ?? new Set<string>();
    statements.set(sKey, rows.add(k));
  }
  for (const [sKey, keySet] of statements) {
    const currency = sKey.slice(sKey.lastIndexOf("\u0000") + 1);
    const rows = [...keySet].sort().map((k) => groups.get(k)!);
    const split = (exact: (g: SummaryGroup) => number) => {
      const parts = rows.map(exact);
      return allocateByParts(
        roundToMinor(parts.reduce((a, b) => a + b, 0), currency),
        parts,
        currency,
      );
    };
    const billed = split((g) => g.billedExact);
    const list = split((g) => g.listExact);
    rows.forEach((g, i) => {
      g.billed += billed[i];
      g.list += list[i];
    });
  }
  // a split project's groups -> one row per fund (merged when tags differed)
  const out = new Map<string, SummaryRow>();
  for (const g of groups.values()) {
    const [pi, project, fundOrg, cur] = g.keys;
    for (const f of fundPortions(fundOrg, g.split, [g.billed, g.list], cur)) {
      const keys = [pi, project, f.fundOrg, cur];
      const k = keys.join("\u0000");
      const r = out.get(k) ??
        { keys, hundredths: f.hundredths, n: 0, pending: 0, list: 0, billed: 0 };
      r.n += g.n;
      r.pending += g.pending;
      r.billed += f.amounts[0];
      r.list += f.amounts[1];
      out.set(k, r);
    }
  }
  const withPercent = anySplit(charges);
  const header = [
    "PI Email",
    "Project ID",
    "Fund/Org",
    "Currency",
    "Charges",
    "List",
    "Discount",
    "Billed",
  ];
  if (withPercent) header.push("Fund Percent");
  if (markPending) header.push("Pending Charges");
  const sorted = [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const rows = sorted.map(([, g]) => {
    const cur = g.keys[3];
    const row: CsvCell[] = [
      ...g.keys,
      g.n,
      money(g.list, cur),
      money(g.list - g.billed, cur),
      money(g.billed, cur),
    ];
    if (withPercent) row.push(fundPercentCell(g.hundredths));
    if (markPending) row.push(g.pending);
    return row;
  });
  return { header, rows };
}

/** The double-entry lines: one column per named group of journal.fund_org_regex. */
export function glTable(journal: JournalEntries, markPending: boolean): JournalTable {
  const header = [
    "Line",
    "Type",
    "Fund/Org",
    ...journal.groupNames,
    "Account",
    "Source",
    "Currency",
    "Debit",
    "Credit",
    "Description",
    "Reference ID",
    "Charges",
  ];
  if (markPending) header.push("Pending Charges");
  const rows = journal.entries.map((e) => {
    const row: CsvCell[] = [
      e.line,
      e.type === "debit" ? "Debit" : "Credit",
      e.fundOrg,
      ...journal.groupNames.map((g) => e.groups[g]),
      e.account,
      e.source,
      e.currency,
      e.type === "debit" ? money(e.amount, e.currency) : "",
      e.type === "credit" ? money(e.amount, e.currency) : "",
      e.description,
      e.referenceId,
      e.charges,
    ];
    if (markPending) row.push(e.pendingCharges);
    return row;
  });
  return { header, rows };
}
