/**
 * The built-in table formats: `detail` (one row per charge), `summary` (one
 * row per PI, project, fund/org, currency) and `gl` (the double-entry lines).
 * Each returns the header and rows; the CSV writer turns them into text.
 * With pending charges included, a last column marks them.
 */

import type { CsvCell } from "../../domain/csv_write.ts";
import { formatMicros } from "../../domain/money.ts";
import type { JournalCharge } from "../journal_charges.ts";
import type { JournalEntries } from "../journal_entries.ts";

/** A table: header and data rows. */
export interface JournalTable {
  header: string[];
  rows: CsvCell[][];
}

const money = (micros: number) => formatMicros(micros, 2);

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
      money(c.listCents),
      money(c.discountCents),
      money(c.billedCents),
      c.currency,
      c.id,
    ];
    if (markPending) row.push(c.pending ? "yes" : "");
    return row;
  });
  return { header, rows };
}

/** One row per (PI, project, fund/org, currency), sorted by those keys. */
export function summaryTable(
  charges: readonly JournalCharge[],
  markPending: boolean,
): JournalTable {
  const groups = new Map<
    string,
    { keys: string[]; n: number; pending: number; list: number; discount: number; billed: number }
  >();
  for (const c of charges) {
    const keys = [c.piEmail, c.projectId, c.fundOrg, c.currency];
    const k = keys.join("\u0000");
    let g = groups.get(k);
    if (!g) {
      g = { keys, n: 0, pending: 0, list: 0, discount: 0, billed: 0 };
      groups.set(k, g);
    }
    g.n++;
    if (c.pending) g.pending++;
    g.list += c.listCents;
    g.discount += c.discountCents;
    g.billed += c.billedCents;
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
    const row: CsvCell[] = [...g.keys, g.n, money(g.list), money(g.discount), money(g.billed)];
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
      e.type === "debit" ? money(e.amount) : "",
      e.type === "credit" ? money(e.amount) : "",
      e.description,
      e.referenceId,
      e.charges,
    ];
    if (markPending) row.push(e.pendingCharges);
    return row;
  });
  return { header, rows };
}
