/**
 * The charges a journal bills, with the money rule shared with the
 * statements: each charge line is rounded to cents once (half away from
 * zero); journal amounts are sums of those rounded line amounts.
 */

import type { Config } from "../config/mod.ts";
import { roundToCents } from "../domain/money.ts";
import { knownSourceFor } from "../sources/mod.ts";
import {
  type BillableChargeRow,
  type Database,
  iterateBillableCharges,
  listBillableGroups,
} from "../storage/mod.ts";

/** One billable charge as the journal sees it. Money in micro-units, whole cents. */
export interface JournalCharge {
  id: number;
  period: string;
  /** Canonical source key ("aws"). */
  sourceKey: string;
  /** Source name printed in journals ("AWS"). */
  source: string;
  piEmail: string;
  projectId: string;
  fundOrg: string;
  /** The charge's own account code tag ("" when none). */
  accountCode: string;
  serviceName: string;
  resourceId: string;
  resourceName: string;
  currency: string;
  listCents: number;
  billedCents: number;
  /** listCents - billedCents. */
  discountCents: number;
  /** Awaiting review (only present with includePending). */
  pending: boolean;
}

/**
 * Charges of one (fund/org, source, account tag, currency), summed: what a GL
 * journal needs of them. Money in micro-units, whole cents.
 */
export interface JournalChargeGroup {
  sourceKey: string;
  source: string;
  /** Trimmed, as on JournalCharge. */
  fundOrg: string;
  /** The charges' own account code tag, trimmed ("" when none). */
  accountCode: string;
  currency: string;
  /** Sum of the charges' billedCents. */
  billedCents: number;
  charges: number;
  pendingCharges: number;
  /** Distinct PI emails and project ids ("" for none). */
  piEmails: string[];
  projectIds: string[];
}

/** The journal name of a source: its known_sources display name, else the stored one. */
function sourceLabel(config: Config, key: string, storedDisplayName: string): string {
  const known = knownSourceFor(config, key);
  return known?.display_name || known?.name || storedDisplayName || key;
}

/** One charge as a group of one. */
export function chargeAsGroup(c: JournalCharge): JournalChargeGroup {
  return {
    sourceKey: c.sourceKey,
    source: c.source,
    fundOrg: c.fundOrg,
    accountCode: c.accountCode,
    currency: c.currency,
    billedCents: c.billedCents,
    charges: 1,
    pendingCharges: c.pending ? 1 : 0,
    piEmails: [c.piEmail],
    projectIds: [c.projectId],
  };
}

/**
 * The billable charges of a period summed in SQL per (fund/org, source,
 * account tag, currency): the same sums as adding up every JournalCharge
 * (each line rounded to cents first), without reading each charge into JS.
 * Groups come in source, fund/org, account, currency order (not the
 * statement order). Without `people` the PI and project lists are left empty
 * (for journals that print neither).
 */
export function loadJournalGroups(
  db: Database,
  config: Config,
  period: string,
  includePending: boolean,
  people = true,
): JournalChargeGroup[] {
  return listBillableGroups(db, { period, includePending, people }).map((g) => ({
    sourceKey: g.source_name,
    source: sourceLabel(config, g.source_name, g.source_display_name),
    fundOrg: (g.fund_org ?? "").trim(),
    accountCode: (g.account_code ?? "").trim(),
    currency: g.billing_currency,
    billedCents: g.billed_cents,
    charges: g.charges,
    pendingCharges: g.pending,
    piEmails: JSON.parse(g.pi_emails) as string[],
    projectIds: JSON.parse(g.project_ids) as string[],
  }));
}

/** Convert a stored billable charge (money rule applied here, once). */
export function toJournalCharge(row: BillableChargeRow, config: Config): JournalCharge {
  const listCents = roundToCents(row.list_cost);
  const billedCents = roundToCents(row.billed_cost);
  return {
    id: row.id,
    period: row.period,
    sourceKey: row.source_name,
    source: sourceLabel(config, row.source_name, row.source_display_name),
    piEmail: row.pi_email ?? "",
    projectId: row.project_id ?? "",
    fundOrg: (row.fund_org ?? "").trim(),
    accountCode: (row.account_code ?? "").trim(),
    serviceName: row.service_name ?? "",
    resourceId: row.resource_id ?? "",
    resourceName: row.resource_name ?? "",
    currency: row.billing_currency,
    listCents,
    billedCents,
    discountCents: listCents - billedCents,
    pending: row.review_status === "pending",
  };
}

/**
 * The billable charges of a period in the stable statement order, one at a
 * time (memory stays flat however many there are).
 */
export function* iterateJournalCharges(
  db: Database,
  config: Config,
  period: string,
  includePending: boolean,
): Generator<JournalCharge> {
  for (const row of iterateBillableCharges(db, { period, includePending })) {
    yield toJournalCharge(row, config);
  }
}

/** The billable charges of a period in the stable statement order. */
export function loadJournalCharges(
  db: Database,
  config: Config,
  period: string,
  includePending: boolean,
): JournalCharge[] {
  const out: JournalCharge[] = [];
  for (const row of iterateBillableCharges(db, { period, includePending })) {
    out.push(toJournalCharge(row, config));
  }
  return out;
}
