/**
 * Review queue storage: charges awaiting review, their review state, and the
 * per-charge decision history (review_decisions).
 */

import type { Database, SqlValue } from "./database.ts";

/** A charge awaiting review, with what the queue shows of it. */
export interface ReviewQueueRow {
  id: number;
  period: string;
  source_name: string;
  source_display_name: string;
  pi_email: string | null;
  project_id: string | null;
  fund_org: string | null;
  service_name: string | null;
  resource_id: string | null;
  billed_cost: number;
  billing_currency: string;
  flags: string | null;
}

/** Filters for the review queue; all optional, combined with AND. */
export interface ReviewQueueFilter {
  period?: string;
  /** A flag reason, matched exactly or as a prefix of a reason. */
  reasonPrefix?: string;
  sourceId?: number;
  /** Compared lower-cased. */
  piEmail?: string;
}

/**
 * The partial index of the charges awaiting review (`review_status, period`
 * WHERE pending). Queries of pending charges name it (`INDEXED BY`): without
 * statistics SQLite's planner does not know it is ~100x smaller than the full
 * indexes and walked whole periods instead (seconds at 1,000,000 charges).
 * Only valid in a query whose WHERE has `review_status = 'pending'`.
 */
export const PENDING_REVIEW_INDEX = "charges_review";

/** The partial index of the pending charges in (period, PI, project) order (same rule). */
export const PENDING_ORDER_INDEX = "charges_pending_order";

/**
 * A condition "the charge `alias` carries a flag reason starting with
 * `prefix`" and its parameters. Flags are a JSON array of strings; when the
 * prefix has no character JSON would escape, a cheap text search of the
 * flags for `"prefix` runs first, so `json_each` only parses the charges
 * that can match (a reason no charge has no longer parses every flag list:
 * 10,000 pending charges, 28 ms -> a few ms).
 */
export function flagReasonCondition(
  alias: string,
  prefix: string,
): { sql: string; params: SqlValue[] } {
  const exact = `${alias}.flags IS NOT NULL AND json_valid(${alias}.flags) AND EXISTS (
    SELECT 1 FROM json_each(${alias}.flags) j WHERE substr(j.value, 1, length(?)) = ?)`;
  // deno-lint-ignore no-control-regex
  if (/["\\\u0000-\u001f\ud800-\udfff]/.test(prefix)) {
    return { sql: exact, params: [prefix, prefix] };
  }
  return {
    sql: `instr(${alias}.flags, ?) > 0 AND ${exact}`,
    params: [`"${prefix}`, prefix, prefix],
  };
}

/** The WHERE clause (without "WHERE") and parameters for a pending filter. */
function pendingWhere(f: ReviewQueueFilter): { where: string; params: SqlValue[] } {
  const where = ["c.review_status = 'pending'"];
  const params: SqlValue[] = [];
  if (f.period) (where.push("c.period = ?"), params.push(f.period));
  if (f.sourceId !== undefined) (where.push("c.source_id = ?"), params.push(f.sourceId));
  if (f.piEmail) (where.push("lower(c.pi_email) = ?"), params.push(f.piEmail.toLowerCase()));
  if (f.reasonPrefix) {
    const reason = flagReasonCondition("c", f.reasonPrefix);
    where.push(reason.sql);
    params.push(...reason.params);
  }
  return { where: where.join(" AND "), params };
}

/** Charges awaiting review, ordered by period, source, PI, project, id. */
export function listReviewQueueRows(db: Database, f: ReviewQueueFilter = {}): ReviewQueueRow[] {
  const { where, params } = pendingWhere(f);
  return db.all<ReviewQueueRow>(
    `SELECT c.id, c.period, s.name AS source_name, s.display_name AS source_display_name,
      c.pi_email, c.project_id, c.fund_org, c.service_name, c.resource_id, c.billed_cost,
      c.billing_currency, c.flags
    FROM charges c INDEXED BY ${PENDING_REVIEW_INDEX} JOIN sources s ON s.id = c.source_id
    WHERE ${where}
    ORDER BY c.period, s.name, c.pi_email, c.project_id, c.id`,
    ...params,
  );
}

/** The review state of a charge, as decisions need it. */
export interface ChargeReviewState {
  id: number;
  period: string;
  review_status: string;
  billed_cost: number;
  billing_currency: string;
}

/** The review state of each of `ids` that exists (missing ids are absent). */
export function findChargeReviewStates(db: Database, ids: number[]): ChargeReviewState[] {
  const out: ChargeReviewState[] = [];
  for (const id of ids) {
    const row = db.get<ChargeReviewState>(
      "SELECT id, period, review_status, billed_cost, billing_currency FROM charges WHERE id = ?",
      id,
    );
    if (row) out.push(row);
  }
  return out;
}

/** The review state of every pending charge matching the filter. */
export function findPendingReviewStates(db: Database, f: ReviewQueueFilter): ChargeReviewState[] {
  const { where, params } = pendingWhere(f);
  return db.all<ChargeReviewState>(
    `SELECT c.id, c.period, c.review_status, c.billed_cost, c.billing_currency
    FROM charges c INDEXED BY ${PENDING_REVIEW_INDEX} WHERE ${where} ORDER BY c.id`,
    ...params,
  );
}

/**
 * Record a decision on pending charges: set their review status and note, and
 * add one review_decisions row per charge. Returns how many charges changed
 * (only charges still pending are touched). Call inside a transaction.
 */
export function recordReviewDecision(
  db: Database,
  ids: number[],
  decision: "approved" | "rejected",
  note: string | null,
  actor: string,
  at: string,
): number {
  let changed = 0;
  for (const id of ids) {
    const r = db.run(
      `UPDATE charges SET review_status = ?, review_note = ?, reviewed_by = ?, reviewed_at = ?
       WHERE id = ? AND review_status = 'pending'`,
      decision,
      note,
      actor,
      at,
      id,
    );
    if (r.changes === 0) continue;
    changed++;
    db.run(
      "INSERT INTO review_decisions (charge_id, decision, note, actor, at) VALUES (?, ?, ?, ?, ?)",
      id,
      decision,
      note,
      actor,
      at,
    );
  }
  return changed;
}

/** A stored review decision. */
export interface ReviewDecisionRow {
  id: number;
  charge_id: number;
  decision: "approved" | "rejected";
  note: string | null;
  actor: string;
  at: string;
}

/** The decisions taken on a charge, oldest first. */
export function listReviewDecisions(db: Database, chargeId: number): ReviewDecisionRow[] {
  return db.all<ReviewDecisionRow>(
    "SELECT * FROM review_decisions WHERE charge_id = ? ORDER BY id",
    chargeId,
  );
}

/**
 * Put rejected charges back in the review queue (pending, decision fields
 * cleared). Returns how many changed (only rejected charges are touched).
 * Call inside a transaction; the earlier rejection stays in review_decisions.
 */
export function reopenRejectedCharges(db: Database, ids: number[]): number {
  let changed = 0;
  for (const id of ids) {
    changed += db.run(
      `UPDATE charges SET review_status = 'pending', review_note = NULL, reviewed_by = NULL,
         reviewed_at = NULL WHERE id = ? AND review_status = 'rejected'`,
      id,
    ).changes;
  }
  return changed;
}
