/**
 * Business rules written as SQL, one home each, for the repositories that
 * filter or sum in SQLite. The rules themselves are stated in src/domain/.
 */

import { BILLABLE_STATUSES, type ReviewStatus } from "../domain/review_status.ts";

/** `('none', 'approved')`: a SQL list of statuses (constants, never user text). */
function statusList(statuses: readonly ReviewStatus[]): string {
  return `(${statuses.map((s) => `'${s}'`).join(", ")})`;
}

/** The billable statuses as a SQL list: `('none', 'approved')`. */
export const BILLABLE_STATUSES_SQL = statusList(BILLABLE_STATUSES);

/** The billable statuses and the pending one: `('none', 'approved', 'pending')`. */
export const BILLABLE_OR_PENDING_STATUSES_SQL = statusList([...BILLABLE_STATUSES, "pending"]);

/** The billable predicate on a row's `review_status` (optionally of a table alias). */
export function billableSql(alias?: string): string {
  return `${alias ? `${alias}.` : ""}review_status IN ${BILLABLE_STATUSES_SQL}`;
}

/** `review_status IN ('none', 'approved')`: charges and rollups billed. */
export const BILLABLE_SQL = billableSql();

/** The statuses a bill reads: billable, and with includePending the pending ones too. */
export function billableStatuses(f: { includePending?: boolean }): string {
  return f.includePending ? BILLABLE_OR_PENDING_STATUSES_SQL : BILLABLE_STATUSES_SQL;
}
