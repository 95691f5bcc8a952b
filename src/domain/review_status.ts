/**
 * The review status of a charge and the billable set: a charge is billed
 * when it was never flagged or a reviewer approved it; a flagged charge
 * waits (pending) until approved or rejected. storage/sql_rules.ts writes
 * the same set as SQL.
 */

/** Every review status a charge can have. */
export const REVIEW_STATUSES = ["none", "pending", "approved", "rejected"] as const;

/** One review status. */
export type ReviewStatus = typeof REVIEW_STATUSES[number];

/** A reviewer's decision on a pending charge. */
export type ReviewDecision = "approved" | "rejected";

/** The statuses that are billed. */
export const BILLABLE_STATUSES: readonly ReviewStatus[] = ["none", "approved"];

/** Whether a text is a review status. */
export function isReviewStatus(s: string): s is ReviewStatus {
  return (REVIEW_STATUSES as readonly string[]).includes(s);
}

/** Whether a charge of this status is billed. */
export function isBillable(status: string): boolean {
  return (BILLABLE_STATUSES as readonly string[]).includes(status);
}
