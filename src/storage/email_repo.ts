/** The email log: every statement message, sent, written (dev mode) or failed. */

import type { Database } from "./database.ts";

/** A logged message. */
export interface EmailLogRow {
  id: number;
  period: string;
  recipient: string;
  /** JSON array of "number rN" labels. */
  statement_numbers: string;
  /** JSON array of statement row ids. */
  statement_ids: string;
  subject: string;
  mode: "smtp" | "file";
  status: "sent" | "written" | "failed";
  attempts: number;
  error: string | null;
  eml_path: string | null;
  message_id: string | null;
  at: string;
  actor: string;
}

/** A message to log. */
export type NewEmailLogRow = Omit<EmailLogRow, "id">;

/** Append one entry; returns its id. */
export function insertEmailLog(db: Database, e: NewEmailLogRow): number {
  return db.run(
    `INSERT INTO email_log (period, recipient, statement_numbers, statement_ids, subject, mode,
       status, attempts, error, eml_path, message_id, at, actor)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    e.period,
    e.recipient,
    e.statement_numbers,
    e.statement_ids,
    e.subject,
    e.mode,
    e.status,
    e.attempts,
    e.error,
    e.eml_path,
    e.message_id,
    e.at,
    e.actor,
  ).lastInsertRowid;
}

/** Logged messages of a period (optionally one recipient), oldest first. */
export function listEmailLog(db: Database, period: string, recipient?: string): EmailLogRow[] {
  return recipient
    ? db.all<EmailLogRow>(
      "SELECT * FROM email_log WHERE period = ? AND recipient = ? ORDER BY id",
      period,
      recipient.toLowerCase(),
    )
    : db.all<EmailLogRow>("SELECT * FROM email_log WHERE period = ? ORDER BY id", period);
}
