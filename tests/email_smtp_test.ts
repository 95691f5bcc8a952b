/**
 * Statement email over SMTP against a real server on loopback (smtp-server):
 * delivered messages, a refused recipient (retried, recorded, run continues)
 * and a login failure (run stops with one clear message).
 */

import { deepEqual, equal, match } from "node:assert/strict";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { runCli, tempWorkspace } from "./cli_harness.ts";
import { parseMail, querySql, seedCharges, writeStatementsConfig } from "./statements_seed.ts";

const A = "ada@example.edu";
const B = "bob@example.edu";
const REFUSED = "refused@example.edu";

interface Received {
  to: string[];
  raw: string;
}

async function startServer(): Promise<
  { port: number; received: Received[]; close: () => Promise<void> }
> {
  const received: Received[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === "billing" && auth.password === "s3cret") cb(null, { user: "billing" });
      else cb(new Error("Invalid username or password"));
    },
    onRcptTo(address, _session, cb) {
      if (address.address === REFUSED) {
        const err = new Error("Mailbox unavailable") as Error & { responseCode: number };
        err.responseCode = 550;
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Uint8Array[] = [];
      stream.on("data", (c: Uint8Array) => chunks.push(c));
      stream.on("end", () => {
        const raw = new TextDecoder().decode(
          Uint8Array.from(chunks.flatMap((c) => [...c])),
        );
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function setup(dir: string, port: number): Promise<string> {
  const cfg = await writeStatementsConfig(
    dir,
    `smtp:\n  host: 127.0.0.1\n  port: ${port}\n  use_tls: false\n  username: billing\n` +
      `  password: \${SMTP_PASSWORD}\nemail:\n  from_address: billing@example.edu\n`,
  );
  await Deno.writeTextFile(
    cfg,
    (await Deno.readTextFile(cfg)).replace("dev_mode: true", "dev_mode: false"),
  );
  seedCharges(`${dir}/instance/billing.db`, "2025-01", [
    { pi: A, project: "alpha", fund: "F-1", service: "EC2", billed: "100", list: "120" },
    { pi: A, project: "beta", fund: "F-2", service: "HPC", billed: "0", list: "800" },
    { pi: B, project: "gamma", fund: "F-3", service: "Storage", billed: "12.50", list: "25" },
    { pi: REFUSED, project: "delta", fund: "F-4", service: "Storage", billed: "1", list: "1" },
  ]);
  return cfg;
}

const ENV = { OPENCHARGEBACK_EMAIL_BACKOFF_MS: "20" };

Deno.test({
  name:
    "email smtp: messages arrive with PDFs; a refused recipient is retried, logged, run continues",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const smtp = await startServer();
    const { dir, cleanup } = await tempWorkspace();
    try {
      const cfg = await setup(dir, smtp.port);
      const r = await runCli(["generate", "-p", "2025-01", "-c", cfg, "--send", "--json"], {
        cwd: dir,
        env: { ...ENV, SMTP_PASSWORD: "s3cret" },
      });
      equal(r.code, 1, r.stderr); // a failed recipient is reported with exit 1
      deepEqual(r.json<{ emails: unknown }>().emails, { sent: 2, written: 0, failed: 1 });
      match(r.stderr, /failed: refused@example\.edu: 550 Mailbox unavailable/);
      deepEqual(smtp.received.map((m) => m.to), [[A], [B]]);
      const ada = parseMail(smtp.received[0].raw);
      equal(ada.header("Subject"), "Research Computing Charges - 2025-01");
      equal(ada.header("To"), A);
      deepEqual(ada.pdfs.map((p) => p.filename), [
        "2025-01-0001_ada_alpha.pdf",
        "2025-01-0002_ada_beta.pdf",
      ]);
      for (const p of ada.pdfs) equal(new TextDecoder().decode(p.bytes.slice(0, 5)), "%PDF-");
      equal(parseMail(smtp.received[1].raw).pdfs.length, 1);
      const db = `${dir}/instance/billing.db`;
      const log = querySql<
        { recipient: string; status: string; attempts: number; error: string | null }
      >(
        db,
        "SELECT recipient, status, attempts, error FROM email_log ORDER BY id",
      );
      deepEqual(log.map((l) => [l.recipient, l.status, l.attempts]), [
        [A, "sent", 1],
        [B, "sent", 1],
        [REFUSED, "failed", 3],
      ]);
      match(log[2].error ?? "", /550 Mailbox unavailable/);
      deepEqual(
        querySql<{ pi_email: string }>(db, "SELECT pi_email FROM statements WHERE sent_at IS NULL"),
        [{ pi_email: REFUSED }],
      );
      // send again: only the unsent statement is attempted
      const again = await runCli(["statements", "send", "-p", "2025-01", "-c", cfg], {
        cwd: dir,
        env: { ...ENV, SMTP_PASSWORD: "s3cret" },
      });
      equal(again.code, 1);
      match(
        again.stdout,
        /0 sent, 0 written \(dev mode\), 1 failed; 3 statements already sent/,
      );
      equal(smtp.received.length, 2);
    } finally {
      await cleanup();
      await smtp.close();
    }
  },
});

Deno.test({
  name: "email smtp: a login failure stops the run with one clear line; send later delivers",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const smtp = await startServer();
    const { dir, cleanup } = await tempWorkspace();
    try {
      const cfg = await setup(dir, smtp.port);
      const r = await runCli(["generate", "-p", "2025-01", "-c", cfg, "--send"], {
        cwd: dir,
        env: { ...ENV, SMTP_PASSWORD: "wrong" },
      });
      equal(r.code, 1);
      equal(r.stderr.trim().split("\n").length, 1);
      match(r.stderr, new RegExp(`SMTP login refused by 127\\.0\\.0\\.1:${smtp.port}`));
      match(r.stderr, /0 messages sent and 0 written before the failure are recorded/);
      equal(smtp.received.length, 0);
      const db = `${dir}/instance/billing.db`;
      equal(querySql(db, "SELECT * FROM statements").length, 4); // statements are kept
      const send = await runCli(["statements", "send", "-p", "2025-01", "-c", cfg, "--pi", A], {
        cwd: dir,
        env: { ...ENV, SMTP_PASSWORD: "s3cret" },
      });
      equal(send.code, 0, send.stderr);
      match(send.stdout, /1 sent/);
      deepEqual(smtp.received.map((m) => m.to), [[A]]);
    } finally {
      await cleanup();
      await smtp.close();
    }
  },
});
