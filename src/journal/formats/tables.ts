/**
 * The built-in table formats: `detail` (one row per charge), `summary` (one
 * row per PI, project, fund/org, currency) and `gl` (the double-entry lines).
 * Each returns the header and rows; the CSV writer turns them into text.
 * With pending charges included, a last column marks them.
 */

import type { CsvCell } from "../../domain/csv_write.ts";
import { allocateByParts } from "../../domain/allocate.ts";
import { roundToMinor } from "../../domain/currency.ts";
import { minorDecimal } from "../../domain/money_format.ts";
import type { JournalCharge } from "../journal_charges.ts";
import type { JournalEntries } from "../journal_entries.ts";

/** A table: header and data rows. */
export interface JournalTable {
  header: string[];
  rows: CsvCell[][];
}

/** An amount as journals print it: a decimal in the currency's minor unit ("12.30", JPY "1235"). */
const money = (micros: number, currency: string) => minorDecimal(micros, currency);

/** One row per charge, in the statement order. */
export function detailTable(charges: readonly JournalCharge[], markPending: boolean): JournalTable {
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
  if (markPending) header.push("Pending Review");
  const rows = charges.map((c) => {
    const row: CsvCell[] = [
      c.period,
      c.source,
      c.piEmail,
      c.projectId,
      c.fundOrg,
      c.serviceName,
      c.resourceId,
      c.resourceName,
      money(c.listCents, c.currency),
      money(c.discountCents, c.currency),
      money(c.billedCents, c.currency),
      c.currency,
      c.id,
    ];
    if (markPending) row.push(c.pending ? "yes" : "");
    return row;
  });
  return { header, rows };
}

interface SummaryGroup {
  keys: string[];
  n: number;
  pending: number;
  billedExact: number;
  listExact: number;
  list: number;
  billed: number;
}

/**
 * One row per (PI, project, fund/org, currency), sorted by those keys. Each
 * statement's amount due and list price (its exact sums rounded once) are
 * allocated over its rows by largest remainder, ties to the first row in that
 * order, so the rows add up to the statements.
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
      g = { keys, n: 0, pending: 0, billedExact: 0, listExact: 0, list: 0, billed: 0 };
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
  if (markPending) header.push("Pending Charges");
  const sorted = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const rows = sorted.map(([, g]) => {
    const cur = g.keys[3];
    const row: CsvCell[] = [
      ...g.keys,
      g.n,
      money(g.list, cur),
      money(g.list - g.billed, cur),
      money(g.billed, cur),
    ];
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
