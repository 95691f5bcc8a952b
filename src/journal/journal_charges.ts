/**
 * The charges a journal bills, with the money rule shared with the
 * statements: each charge line is rounded to cents once (half away from
 * zero); journal amounts are sums of those rounded line amounts.
 */

import type { Config } from "../config/mod.ts";
import { roundToCents } from "../domain/money.ts";
import { knownSourceFor } from "../sources/mod.ts";
import { type BillableChargeRow, type Database, iterateBillableCharges } from "../storage/mod.ts";

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

/** Convert a stored billable charge (money rule applied here, once). */
export function toJournalCharge(row: BillableChargeRow, config: Config): JournalCharge {
  const listCents = roundToCents(row.list_cost);
  const billedCents = roundToCents(row.billed_cost);
  const known = knownSourceFor(config, row.source_name);
  return {
    id: row.id,
    period: row.period,
    sourceKey: row.source_name,
    source: known?.display_name || known?.name || row.source_display_name || row.source_name,
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
