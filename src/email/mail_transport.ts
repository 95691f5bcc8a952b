/**
 * The mail transport: real nodemailer in both modes. Dev mode builds the
 * message with nodemailer's stream transport and writes it as an RFC 5322
 * `.eml` file; otherwise nodemailer's SMTP transport sends it (port 465
 * implicit TLS, else STARTTLS when use_tls).
 */

import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { join, resolve } from "node:path";
import type { Config } from "../config/mod.ts";

/** What a transport did with one message. */
export interface TransportOutcome {
  messageId: string | null;
  /** Dev mode: the .eml file written. */
  emlPath: string | null;
}

/** A way to deliver messages. */
export interface MailTransport {
  mode: "smtp" | "file";
  /** Human description for messages ("smtp.example.edu:587", "/path/emails"). */
  target: string;
  /** Check the connection and login before sending (SMTP); no-op in dev mode. */
  verify(): Promise<void>;
  send(message: Mail.Options, fileStem: string, period: string): Promise<TransportOutcome>;
  close(): void;
}

/** SMTP error codes that mean the server or the login is unusable: the run stops. */
export const FATAL_SMTP_CODES = new Set([
  "EAUTH",
  "ECONNECTION",
  "ETIMEDOUT",
  "ESOCKET",
  "ETLS",
  "EDNS",
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOAUTH",
  "EPROXY",
]);

/** The transport the config asks for (dev_mode -> .eml files, else SMTP). */
export function createMailTransport(config: Config): MailTransport {
  return config.dev_mode ? fileTransport(config.output.email_dir) : smtpTransport(config);
}

function fileTransport(emailDir: string): MailTransport {
  const builder = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: "windows",
  });
  return {
    mode: "file",
    target: resolve(emailDir),
    verify: () => Promise.resolve(),
    async send(message, fileStem, period) {
      const info = await builder.sendMail(message);
      const bytes = info.message as unknown as Uint8Array;
      const dir = resolve(join(emailDir, period));
      Deno.mkdirSync(dir, { recursive: true });
      const path = writeNewFile(dir, fileStem, bytes);
      return { messageId: info.messageId ?? null, emlPath: path };
    },
    close: () => builder.close(),
  };
}

/** Write `bytes` as `<stem>.eml` (or `<stem>-2.eml`, ...) atomically, never replacing a file. */
function writeNewFile(dir: string, stem: string, bytes: Uint8Array): string {
  const tmp = join(dir, `.${stem}.${Deno.pid}.${crypto.randomUUID().slice(0, 8)}.tmp`);
  Deno.writeFileSync(tmp, bytes);
  try {
    for (let n = 1;; n++) {
      const path = join(dir, n === 1 ? `${stem}.eml` : `${stem}-${n}.eml`);
      try {
        Deno.linkSync(tmp, path); // fails when the name is taken: never overwrites
        return path;
      } catch (e) {
        if (!(e instanceof Deno.errors.AlreadyExists)) throw e;
      }
    }
  } finally {
    Deno.removeSync(tmp);
  }
}

function smtpTransport(config: Config): MailTransport {
  const s = config.smtp;
  const implicitTls = s.port === 465;
  const transport = nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: implicitTls,
    requireTLS: s.use_tls && !implicitTls,
    ignoreTLS: !s.use_tls && !implicitTls,
    auth: s.username ? { user: s.username, pass: s.password } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  return {
    mode: "smtp",
    target: `${s.host}:${s.port}`,
    verify: async () => {
      await transport.verify();
    },
    async send(message) {
      const info = await transport.sendMail(message);
      if (info.rejected?.length) {
        const err = new Error(`recipient refused: ${info.rejected.join(", ")}`) as Error & {
          code: string;
        };
        err.code = "EENVELOPE";
        throw err;
      }
      return { messageId: info.messageId ?? null, emlPath: null };
    },
    close: () => transport.close(),
  };
}
