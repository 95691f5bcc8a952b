/**
 * A period's statements as the web reads them: the delivery log and one
 * revision checked against the reader's DataScope.
 */

import type { AppContext } from "../app_context.ts";
import { type DataScope, inScope } from "../charges/mod.ts";
import { NotFoundError } from "../domain/errors.ts";
import { type EmailLogRow, findStatementRow, listEmailLog } from "../storage/mod.ts";

/** One email of a period's statement deliveries. */
export interface StatementEmail {
  at: string;
  recipient: string;
  /** The statements sent ("number rN"). */
  statements: string[];
  status: EmailLogRow["status"];
  attempts: number;
  error: string | null;
}

/** A statement revision a reader may download. */
export interface StatementRevisionRef {
  number: string;
  revision: number;
  period: string;
  pi: string;
}

/** The statement emails of a period, oldest first (sent, written in dev mode, or failed). */
export function listStatementEmails(ctx: AppContext, period: string): StatementEmail[] {
  return listEmailLog(ctx.db, period).map((e) => ({
    at: e.at,
    recipient: e.recipient,
    statements: JSON.parse(e.statement_numbers) as string[],
    status: e.status,
    attempts: e.attempts,
    error: e.error,
  }));
}

/**
 * The revision of statement `number` (latest unless `revision`) as `scope`
 * may see it: NotFoundError when there is none or it is another PI's.
 */
export function findStatementRevision(
  ctx: AppContext,
  number: string,
  revision: number | undefined,
  scope: DataScope,
): StatementRevisionRef {
  const row = findStatementRow(ctx.db, number, revision);
  if (!row || !inScope(scope, row.pi_email)) {
    throw new NotFoundError(`statement ${number} not found.`);
  }
  return { number: row.number, revision: row.revision, period: row.period, pi: row.pi_email };
}
