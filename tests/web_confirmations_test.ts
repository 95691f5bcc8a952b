/**
 * Irreversible web actions ask first, and the server refuses them without the
 * confirmation: "Send all" (statements), "Reject selected" (review) and
 * "Finalize" (periods) name how many PIs or charges and how much money; a
 * forged POST without confirm changes nothing. Generate and send run as jobs
 * whose progress fragment htmx polls: running, done (HX-Redirect to the
 * result), failed, unknown.
 */

import { deepEqual, equal, match, ok } from "node:assert/strict";
import { generateStatements } from "../src/statements/mod.ts";
import { send, sessionFor, type WebFixture, webFixture } from "./web_harness.ts";
import { pageText } from "./web_pages_kit.ts";
import { type SeedCharge, seedCharges } from "./statements_seed.ts";
import { jobIdOf, jobResultPage, jobState, waitForJob } from "./web_jobs_kit.ts";

const CY = "cy@example.edu";

/**
 * 2025-01, billable: ada alpha 100.004 + 20.005 (a statement of $120.01), ada beta $50.00,
 * bob gamma $12.50, cy delta $1,000.00: 4 statements for 3 PIs, $1,182.51 in all (exact sum
 * 1,182.509 rounded once). Awaiting review (with `pending`): cy 2,000.10 + 3.00 = $2,003.10,
 * bob 12.345.
 */
function month(pending: boolean): SeedCharge[] {
  const c = (pi: string, project: string, fund: string, billed: string): SeedCharge => ({
    pi: `${pi}@example.edu`,
    project,
    fund,
    service: "EC2",
    billed,
    list: billed,
  });
  const billable = [
    c("ada", "alpha", "F-1", "100.004"),
    c("ada", "alpha", "F-1", "20.005"),
    c("ada", "beta", "F-2", "50"),
    c("bob", "gamma", "F-3", "12.50"),
    c("cy", "delta", "F-4", "1000"),
  ];
  if (!pending) return billable;
  return [
    ...billable,
    { ...c("cy", "delta", "F-4", "2000.10"), review: "pending" },
    { ...c("cy", "delta", "F-4", "3.00"), review: "pending" },
    { ...c("bob", "gamma", "F-3", "12.345"), review: "pending" },
  ];
}

async function monthFixture(opts: { pending?: boolean; smtpPort?: number } = {}) {
  const f = await webFixture({
    tweak: (c) => {
      c.dev_mode = opts.smtpPort === undefined;
      if (opts.smtpPort !== undefined) {
        c.smtp = { ...c.smtp, host: "127.0.0.1", port: opts.smtpPort, use_tls: false };
      }
    },
  });
  seedCharges(f.config.database.path, "2025-01", month(!!opts.pending));
  return f;
}

const count = (f: WebFixture, sql: string) => f.db.get<{ n: number }>(sql)!.n;

Deno.test("web confirm: Send all names the PIs, statements and money; without confirm nothing is sent", async () => {
  const f = await monthFixture();
  try {
    const rita = sessionFor(f, "rita");
    await generateStatements(f.ctx(), { period: "2025-01" });
    // 4 statements for 3 PIs: $120.01 + $50.00 + $12.50 + $1,000.00 = $1,182.51
    const stored = f.db.all<{ billed_cost: number }>("SELECT billed_cost FROM statements");
    equal(stored.length, 4);
    equal(stored.reduce((s, r) => s + BigInt(r.billed_cost), 0n), 1_182_510_000n);
    const page = await pageText(await send(f, "GET", "/statements?period=2025-01", { as: rita }));
    match(page, /Send all for 2025-01…/);
    const ask = await send(f, "POST", "/statements/send", {
      as: rita,
      form: { period: "2025-01" },
    });
    equal(ask.status, 200);
    const asked = await pageText(ask);
    match(asked, /Send all statements for 2025-01\?/);
    match(asked, /This emails 3 PIs \(4 statements billing \$1,182\.51\)\./);
    match(asked, /Dev mode: the emails are written to files, nothing is sent\./);
    match(asked, /Email 3 PIs: \$1,182\.51/);
    equal(count(f, "SELECT COUNT(*) AS n FROM email_log"), 0, "the question sends nothing");
    equal(count(f, "SELECT COUNT(*) AS n FROM statements WHERE sent_at IS NOT NULL"), 0);
    equal(count(f, "SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'email.%'"), 0);
    const sent = await send(f, "POST", "/statements/send", {
      as: rita,
      form: { period: "2025-01", confirm: "1" },
    });
    match(
      await pageText(await jobResultPage(f, rita, sent)),
      /Emails: 0 sent, 3 written to files \(dev mode\), 0 failed; 0 already sent/,
    );
    equal(count(f, "SELECT COUNT(*) AS n FROM email_log WHERE status = 'written'"), 3);
    const again = await pageText(
      await send(f, "POST", "/statements/send", { as: rita, form: { period: "2025-01" } }),
    );
    match(again, /Nothing to send: no statement of 2025-01 waits to be emailed\. 4 statements/);
    equal(again.includes("Email 0"), false, "no send button when nothing would be sent");
  } finally {
    await f.close();
  }
});

Deno.test("web confirm: Reject selected names the charges and money; without confirm nothing is rejected", async () => {
  const f = await monthFixture({ pending: true });
  try {
    const rita = sessionFor(f, "rita");
    // cy's two charges awaiting review: 2,000.10 + 3.00 = $2,003.10
    const ids = f.db.all<{ id: number }>(
      "SELECT id FROM charges WHERE review_status = 'pending' AND pi_email = ? ORDER BY id",
      CY,
    ).map((r) => String(r.id));
    equal(ids.length, 2);
    const form = new URLSearchParams({
      decision: "reject",
      period: "2025-01",
      note: "test box",
      _csrf: rita.csrf,
    });
    for (const id of ids) form.append("id", id);
    const post = (body: URLSearchParams, htmx: boolean) =>
      f.app.request("http://oc.test/review/decide", {
        method: "POST",
        headers: {
          Cookie: rita.cookie,
          Origin: "http://oc.test",
          "Content-Type": "application/x-www-form-urlencoded",
          ...(htmx ? { "HX-Request": "true" } : {}),
        },
        body: body.toString(),
      });
    const ask = await post(form, true);
    equal(ask.status, 200);
    const fragment = await ask.text();
    ok(fragment.startsWith('<div id="review-body">'), "an htmx fragment in place of the queue");
    const asked = await pageText(new Response(fragment));
    match(asked, /Reject 2 charges\?/);
    match(asked, /Rejecting 2 charges billing \$2,003\.10 in 2025-01 keeps them out/);
    match(asked, /Note: test box/);
    match(asked, /Reject 2 charges billing \$2,003\.10 Cancel/);
    const pending = "SELECT COUNT(*) AS n FROM charges WHERE review_status = 'pending'";
    equal(count(f, pending), 3, "asking rejects nothing");
    equal(count(f, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'review.reject'"), 0);
    const page = await post(form, false);
    equal(page.status, 200);
    match(await pageText(page), /Review · 2025-01 Reject 2 charges\?/);
    equal(count(f, pending), 3);
    const noNote = new URLSearchParams(form);
    noNote.set("note", "");
    match(await pageText(await post(noNote, true)), /rejecting charges needs a note/);
    const confirmed = new URLSearchParams(form);
    confirmed.set("confirm", "1");
    const done = await post(confirmed, true);
    match(await pageText(done), /Rejected 2 charges \(\$2,003\.10\)\./);
    deepEqual(
      f.db.all<{ review_status: string }>(
        `SELECT review_status FROM charges WHERE id IN (${ids.join(",")})`,
      ).map((r) => r.review_status),
      ["rejected", "rejected"],
    );
    equal(count(f, pending), 1);
  } finally {
    await f.close();
  }
});

Deno.test("web confirm: Finalize names the charges and money; without the typed period nothing changes", async () => {
  const f = await monthFixture();
  try {
    const admin = sessionFor(f, "admin");
    const page = await pageText(await send(f, "GET", "/periods/2025-01", { as: admin }));
    match(page, /Permanent: 5 charges billing \$1,182\.51 will never change again/);
    const forged = await send(f, "POST", "/periods/2025-01/finalize", { as: admin, form: {} });
    equal(forged.status, 400);
    match(await pageText(forged), /type 2025-01 to confirm finalizing it/);
    equal(f.db.get<{ status: string }>("SELECT status FROM periods")!.status, "open");
    const done = await send(f, "POST", "/periods/2025-01/finalize", {
      as: admin,
      form: { confirm: "2025-01" },
    });
    equal(done.status, 303);
    equal(f.db.get<{ status: string }>("SELECT status FROM periods")!.status, "finalized");
  } finally {
    await f.close();
  }
});

Deno.test("web progress: generate's job fragment runs to done and sends htmx to the result", async () => {
  const f = await monthFixture();
  try {
    const rita = sessionFor(f, "rita");
    const gen = await send(f, "POST", "/statements/generate", {
      as: rita,
      form: { period: "2025-01" },
    });
    const id = jobIdOf(gen);
    ok(id, "4 statements to draw: the POST answers while the job runs");
    const last = await waitForJob(f, rita, id);
    equal(jobState(last), "done");
    match(last, /Generating statements for 2025-01: done/);
    const htmx = await send(f, "GET", `/statements/jobs/${id}`, {
      as: rita,
      headers: { "HX-Request": "true" },
    });
    equal(
      htmx.headers.get("HX-Redirect"),
      "/statements?period=2025-01&done=generate&new=4&revised=0&unchanged=0",
    );
    await htmx.body?.cancel();
    const result = await pageText(await jobResultPage(f, rita, gen));
    match(result, /Generated: 4 new, 0 revised, 0 unchanged\./);
    equal(count(f, "SELECT COUNT(*) AS n FROM statements"), 4);
    const unknown = await send(f, "GET", `/statements/jobs/${crypto.randomUUID()}`, { as: rita });
    equal(unknown.status, 404);
    match(await unknown.text(), /data-state="unknown"/);
    const vic = sessionFor(f, "vic");
    equal((await send(f, "GET", `/statements/jobs/${id}`, { as: vic })).status, 403);
  } finally {
    await f.close();
  }
});

Deno.test("web progress: a send held by a silent mail server shows running, then failed", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const held: Deno.Conn[] = [];
  const accepting = (async () => {
    for await (const conn of listener) held.push(conn); // never greets: the send waits
  })();
  const f = await monthFixture({ smtpPort: (listener.addr as Deno.NetAddr).port });
  try {
    const rita = sessionFor(f, "rita");
    await generateStatements(f.ctx(), { period: "2025-01" });
    const sent = await send(f, "POST", "/statements/send", {
      as: rita,
      form: { period: "2025-01", confirm: "1" },
    });
    const id = jobIdOf(sent)!;
    ok(id);
    const running = await (await send(f, "GET", `/statements/jobs/${id}`, { as: rita })).text();
    equal(jobState(running), "running");
    match(running, /emailing PIs 0 of 3/);
    match(running, /<progress value="0" max="3">/);
    match(running, new RegExp(`hx-get="/statements/jobs/${id}"`));
    match(running, /hx-trigger="load delay:1s"/);
    const page = await pageText(
      await send(f, "GET", `/statements?period=2025-01&job=${id}`, { as: rita }),
    );
    match(page, /Sending statements for 2025-01… 0 of 3 emailing PIs 0 of 3/);
    while (held.length === 0) await new Promise((r) => setTimeout(r, 20));
    for (const c of held) c.close(); // the server hangs up
    const failed = await waitForJob(f, rita, id);
    equal(jobState(failed), "failed");
    match(failed, /cannot deliver mail through 127\.0\.0\.1:\d+/);
    equal(count(f, "SELECT COUNT(*) AS n FROM statements WHERE sent_at IS NOT NULL"), 0);
  } finally {
    listener.close();
    await accepting.catch(() => {});
    await f.close();
  }
});
