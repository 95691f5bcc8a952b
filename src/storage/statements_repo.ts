/** Statement records: one row per (statement number, revision); rows are never overwritten. */

import type { Database } from "./database.ts";
import { PENDING_ORDER_INDEX } from "./review_repo.ts";

/** A stored statement revision. */
export interface StatementRow {
  id: number;
  number: string;
  revision: number;
  period: string;
  grouping: "project" | "pi";
  group_key: string;
  pi_email: string;
  pi_name: string;
  project_id: string | null;
  fund_org: string;
  currency: string;
  billed_cost: number | null;
  list_cost: number | null;
  discount: number | null;
  /** JSON [{currency, billed, list, discount, credits}] (micro-units). */
  totals: string;
  charges: number;
  content_hash: string;
  pdf_path: string;
  replaces_revision: number | null;
  generated_at: string;
  generated_by: string;
  sent_at: string | null;
  /** JSON: the due date, terms, fund charged and dispute route (NULL before schema 12). */
  payment: string | null;
}

/** A statement revision to insert (id and sent_at are set by the database). */
export type NewStatementRow = Omit<StatementRow, "id" | "sent_at">;

/** The latest revision of every statement of a period with this grouping, by group key. */
export function latestStatementsByGroup(
  db: Database,
  period: string,
  grouping: string,
): Map<string, StatementRow> {
  const rows = db.all<StatementRow>(
    `SELECT s.* FROM statements s WHERE s.period = ? AND s.grouping = ? AND s.revision = (
       SELECT max(revision) FROM statements t WHERE t.number = s.number)
     ORDER BY s.number`,
    period,
    grouping,
  );
  return new Map(rows.map((r) => [r.group_key, r]));
}

/** The stored totals (JSON) of the latest revision of every statement, per period. */
export function listLatestStatementTotals(
  db: Database,
  only?: string,
): { period: string; totals: string }[] {
  const one = only !== undefined;
  return db.all<{ period: string; totals: string }>(
    `SELECT s.period, s.totals FROM statements s WHERE s.revision = (
       SELECT max(revision) FROM statements t WHERE t.number = s.number)
       ${one ? "AND s.period = ?" : ""}
     ORDER BY s.period, s.number`,
    ...(one ? [only] : []),
  );
}

/** The highest sequence number (NNNN of YYYY-MM-NNNN) used in a period, 0 when none. */
export function maxStatementSequence(db: Database, period: string): number {
  const row = db.get<{ n: number | null }>(
    "SELECT max(CAST(substr(number, 9) AS INTEGER)) AS n FROM statements WHERE period = ?",
    period,
  );
  return row?.n ?? 0;
}

/** Insert one statement revision; returns its id. */
export function insertStatement(db: Database, s: NewStatementRow): number {
  return db.run(
    `INSERT INTO statements (number, revision, period, grouping, group_key, pi_email, pi_name,
       project_id, fund_org, currency, billed_cost, list_cost, discount, totals, charges,
       content_hash, pdf_path, replaces_revision, generated_at, generated_by, payment)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    s.number,
    s.revision,
    s.period,
    s.grouping,
    s.group_key,
    s.pi_email,
    s.pi_name,
    s.project_id,
    s.fund_org,
    s.currency,
    s.billed_cost,
    s.list_cost,
    s.discount,
    s.totals,
    s.charges,
    s.content_hash,
    s.pdf_path,
    s.replaces_revision,
    s.generated_at,
    s.generated_by,
    s.payment,
  ).lastInsertRowid;
}

/** Every revision of a period's statements (optionally one PI), by number then revision. */
export function listStatementRows(db: Database, period: string, piEmail?: string): StatementRow[] {
  return piEmail
    ? db.all<StatementRow>(
      "SELECT * FROM statements WHERE period = ? AND pi_email = ? ORDER BY number, revision",
      period,
      piEmail.toLowerCase(),
    )
    : db.all<StatementRow>(
      "SELECT * FROM statements WHERE period = ? ORDER BY number, revision",
      period,
    );
}

/** One revision of a statement number (the latest when `revision` is omitted). */
export function findStatementRow(
  db: Database,
  number: string,
  revision?: number,
): StatementRow | undefined {
  return revision === undefined
    ? db.get<StatementRow>(
      "SELECT * FROM statements WHERE number = ? ORDER BY revision DESC LIMIT 1",
      number,
    )
    : db.get<StatementRow>(
      "SELECT * FROM statements WHERE number = ? AND revision = ?",
      number,
      revision,
    );
}

/** Record the first delivery time of statement revisions (later deliveries keep the first). */
export function markStatementsSent(db: Database, ids: number[], at: string): void {
  for (const id of ids) {
    db.run("UPDATE statements SET sent_at = coalesce(sent_at, ?) WHERE id = ?", at, id);
  }
}

/** A charge awaiting review (the statement notes them when --allow-pending is given). */
export interface PendingChargeRow {
  pi_email: string | null;
  project_id: string | null;
  billing_currency: string;
  billed_cost: number;
  list_cost: number;
}

/** Charges of a period awaiting review, optionally only some PIs / projects. */
export function listPendingCharges(
  db: Database,
  period: string,
  piEmails: string[] = [],
  projectIds: string[] = [],
): PendingChargeRow[] {
  const where = ["period = ?", "review_status = 'pending'"];
  const params: string[] = [period];
  if (piEmails.length) {
    where.push(`pi_email IN (${piEmails.map(() => "?").join(",")})`);
    params.push(...piEmails.map((e) => e.toLowerCase()));
  }
  if (projectIds.length) {
    where.push(`project_id IN (${projectIds.map(() => "?").join(",")})`);
    params.push(...projectIds);
  }
  return db.all<PendingChargeRow>(
    `SELECT pi_email, project_id, billing_currency, billed_cost, list_cost
     FROM charges INDEXED BY ${PENDING_ORDER_INDEX} WHERE ${where.join(" AND ")}
     ORDER BY pi_email, project_id, billing_currency, id`,
    ...params,
  );
}
