/**
 * Deliver statement emails: one message per PI with their PDFs attached.
 * Every message is logged (sent, written or failed) and audited, with the
 * statements' sent mark, in one transaction. A refused
 * recipient is retried with backoff, then recorded as failed while the run
 * continues; a connection or login failure stops the run with one clear
 * message after what was already delivered has been recorded.
 */

import { countOf } from "../domain/plural.ts";
import { audit } from "../audit/mod.ts";
import { basename } from "node:path";
import { Buffer } from "node:buffer";
import type { AppContext } from "../app_context.ts";
import { UserError } from "../domain/errors.ts";
import { insertEmailLog } from "../storage/mod.ts";
import { composeStatementMessage, type EmailBatch } from "./compose_message.ts";
import { createMailTransport, FATAL_SMTP_CODES, type MailTransport } from "./mail_transport.ts";

/** Options of deliverStatementEmails. */
export interface DeliveryOptions {
  period: string;
  /**
   * Called after each successful delivery (e.g. to mark statements sent), in
   * the transaction that logs and audits it.
   */
  onDelivered?: (batch: EmailBatch, status: "sent" | "written") => void;
  /** Called before each batch is composed (`index` batches are done): for progress. */
  onStart?: (batch: EmailBatch, index: number) => void;
  /** Attempts per recipient (default 3) and first backoff delay (default 500 ms, doubling). */
  attempts?: number;
  backoffMs?: number;
  /** A transport to use instead of the one the config asks for. */
  transport?: MailTransport;
}

/** What happened to the messages. */
export interface DeliveryReport {
  sent: number;
  written: number;
  failed: number;
  failures: { recipient: string; error: string }[];
  /** Dev mode: the .eml files written. */
  files: string[];
}

/** Send (or, in dev mode, write) one message per batch. */
export async function deliverStatementEmails(
  ctx: AppContext,
  batches: EmailBatch[],
  opts: DeliveryOptions,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, written: 0, failed: 0, failures: [], files: [] };
  if (batches.length === 0) return report;
  const transport = opts.transport ?? createMailTransport(ctx.config);
  const attempts = Math.max(1, opts.attempts ?? envInt("OPENCHARGEBACK_EMAIL_ATTEMPTS") ?? 3);
  const backoff = opts.backoffMs ?? envInt("OPENCHARGEBACK_EMAIL_BACKOFF_MS") ?? 500;
  const e = ctx.config.email;
  try {
    try {
      await transport.verify();
    } catch (err) {
      throw fatal(transport, err, report);
    }
    for (const [index, batch] of batches.entries()) {
      opts.onStart?.(batch, index);
      const composed = composeStatementMessage(opts.period, batch, {
        subjectTemplate: e.subject_template,
        contact: e.contact || ctx.config.statements.contact,
        title: ctx.config.statements.title,
      });
      // the email log, its audit entry and (delivered) the sent mark: one transaction
      const log = (status: "sent" | "written" | "failed", tries: number, extra: {
        error?: string;
        emlPath?: string | null;
        messageId?: string | null;
      }, delivered?: () => void) =>
        ctx.db.transaction(() => {
          const at = ctx.now().toISOString();
          const labels = batch.statements.map((s) => `${s.number} r${s.revision}`);
          insertEmailLog(ctx.db, {
            period: opts.period,
            recipient: batch.recipient,
            statement_numbers: JSON.stringify(labels),
            statement_ids: JSON.stringify(batch.statements.map((s) => s.id)),
            subject: composed.subject,
            mode: transport.mode,
            status,
            attempts: tries,
            error: extra.error ?? null,
            eml_path: extra.emlPath ?? null,
            message_id: extra.messageId ?? null,
            at,
            actor: ctx.actor,
          });
          audit(ctx, `email.${status}`, {
            statements: labels,
            subject: composed.subject,
            error: extra.error,
          }, { entity: "email", entityId: batch.recipient, period: opts.period, at });
          delivered?.();
        });
      let message;
      try {
        message = {
          from: { name: e.from_name, address: e.from_address },
          to: batch.recipient,
          replyTo: e.reply_to || undefined,
          subject: composed.subject,
          text: composed.text,
          html: composed.html,
          attachments: batch.statements.map((s) => ({
            filename: basename(s.pdfPath),
            content: Buffer.from(Deno.readFileSync(s.pdfPath)),
            contentType: "application/pdf",
          })),
        };
        if (!batch.recipient.includes("@")) throw new Error("no valid recipient address");
      } catch (err) {
        log("failed", 0, { error: errorText(err) });
        report.failed++;
        report.failures.push({ recipient: batch.recipient, error: errorText(err) });
        continue;
      }
      let tries = 0;
      for (;;) {
        tries++;
        try {
          const out = await transport.send(message, fileStem(batch.recipient), opts.period);
          const status = transport.mode === "file" ? "written" : "sent";
          log(
            status,
            tries,
            { emlPath: out.emlPath, messageId: out.messageId },
            () => opts.onDelivered?.(batch, status),
          );
          if (status === "written") (report.written++, report.files.push(out.emlPath ?? ""));
          else report.sent++;
          break;
        } catch (err) {
          if (isFatal(err)) {
            log("failed", tries, { error: errorText(err) });
            report.failed++;
            throw fatal(transport, err, report);
          }
          if (tries >= attempts) {
            log("failed", tries, { error: errorText(err) });
            report.failed++;
            report.failures.push({ recipient: batch.recipient, error: errorText(err) });
            break;
          }
          await new Promise((r) => setTimeout(r, backoff * 2 ** (tries - 1)));
        }
      }
    }
  } finally {
    transport.close();
  }
  return report;
}

function isFatal(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code !== undefined && FATAL_SMTP_CODES.has(code);
}

function fatal(transport: MailTransport, err: unknown, report: DeliveryReport): UserError {
  const code = (err as { code?: string })?.code;
  const what = code === "EAUTH" || code === "ENOAUTH"
    ? "SMTP login refused by"
    : "cannot deliver mail through";
  return new UserError(
    `${what} ${transport.target}: ${errorText(err)}. ${countOf(report.sent, "message")} sent and ` +
      `${report.written} written before the failure are recorded; the rest were not sent.`,
    {
      location: { key: code === "EAUTH" ? "smtp.username" : "smtp.host" },
      hint: "Check smtp.host/port/use_tls/username/password, then run " +
        "`openchargeback statements send -p PERIOD` to send the rest.",
    },
  );
}

function errorText(err: unknown): string {
  const e = err as { message?: string; response?: string };
  return (e?.response || e?.message || String(err)).split("\n")[0].trim();
}

function fileStem(recipient: string): string {
  return recipient.toLowerCase().replace(/[^a-z0-9._-]+/g, "_").slice(0, 80) || "recipient";
}

function envInt(name: string): number | undefined {
  const v = Deno.env.get(name);
  const n = v === undefined ? NaN : Number(v);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}
