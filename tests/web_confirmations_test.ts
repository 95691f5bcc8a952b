/**
 * Irreversible web actions ask first, and the server refuses them without the
 * confirmation: "Send all" (statements), "Reject selected" (review) and
 * "Finalize" (periods) name how many PIs or charges and how much money; a
 * forged POST without confirm changes nothing. Generate and send run as jobs
 * whose progress fragment htmx polls: running, done (HX-Redirect to the
 * result), failed, unknown.
 */

import { deepEqual, equal, match, ok } from "node:assert/strict";
import { putSetting } from "../src/storage/mod.ts";
import { generateStatements } from "../src/statements/mod.ts";
import { send, sessionFor, type WebFixture, webFixture } from "./web_harness.ts";
import { ingest04, pageText } from "./web_pages_kit.ts";
import { jobIdOf, jobResultPage, jobState, waitForJob } from "./web_jobs_kit.ts";

const ZORP = "zorp.blinkman@example.edu";

async function monthFixture(opts: { flag?: boolean; smtpPort?: number } = {}) {
  const f = await webFixture({
    tweak: (c) => {
      c.dev_mode = opts.smtpPort === undefined;
      if (opts.smtpPort !== undefined) {
        c.smtp = { ...c.smtp, host: "127.0.0.1", port: opts.smtpPort, use_tls: false };
      }
    },
  });
  if (opts.flag) putSetting(f.db, "review.flag_patterns", ["gpu"], "test", "2025-02-01T00:00:00Z");
  await ingest04(f, "aws_2025-01.csv", "aws");
  return f;
}

const count = (f: WebFixture, sql: string) => f.db.get<{ n: number }>(sql)!.n;

Deno.test("web confirm: Send all names the PIs, statements and money; without confirm nothing is sent", async () => {
  const f = await monthFixture();
  try {
    const rita = sessionFor(f, "rita");
    await generateStatements(f.ctx(), { period: "2025-01" });
    // aws_2025-01.csv: 7 statements for 5 PIs; their rounded totals add up to $19,086.75
    const stored = f.db.all<{ billed_cost: number }>("SELECT billed_cost FROM statements");
    equal(stored.length, 7);
    equal(stored.reduce((s, r) => s + BigInt(r.billed_cost), 0n), 19_086_750_000n);
    const page = await pageText(await send(f, "GET", "/statements?period=2025-01", { as: rita }));
    match(page, /Send all for 2025-01…/);
    const ask = await send(f, "POST", "/statements/send", {
      as: rita,
      form: { period: "2025-01" },
    });
    equal(ask.status, 200);
    const asked = await pageText(ask);
    match(asked, /Send all statements for 2025-01\?/);
    match(asked, /This emails 5 PIs \(7 statements billing \$19,086\.75\)\./);
    match(asked, /Dev mode: the emails are written to files, nothing is sent\./);
    match(asked, /Email 5 PIs: \$19,086\.75/);
    equal(count(f, "SELECT COUNT(*) AS n FROM email_log"), 0, "the question sends nothing");
    equal(count(f, "SELECT COUNT(*) AS n FROM statements WHERE sent_at IS NOT NULL"), 0);
    equal(count(f, "SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'email.%'"), 0);
    const sent = await send(f, "POST", "/statements/send", {
      as: rita,
      form: { period: "2025-01", confirm: "1" },
    });
    match(
      await pageText(await jobResultPage(f, rita, sent)),
      /Emails: 0 sent, 5 written to files \(dev mode\), 0 failed; 0 already sent/,
    );
    equal(count(f, "SELECT COUNT(*) AS n FROM email_log WHERE status = 'written'"), 5);
    const again = await pageText(
      await send(f, "POST", "/statements/send", { as: rita, form: { period: "2025-01" } }),
    );
    match(again, /Nothing to send: no statement of 2025-01 waits to be emailed\. 7 statements/);
    equal(again.includes("Email 0"), false, "no send button when nothing would be sent");
  } finally {
    await f.close();
  }
});

Deno.test("web confirm: Reject selected names the charges and money; without confirm nothing is rejected", async () => {
  const f = await monthFixture({ flag: true });
  try {
    const rita = sessionFor(f, "rita");
    // zorp's two gpu charges await review: $4,080.00 together (web review test)
    const ids = f.db.all<{ id: number }>(
      "SELECT id FROM charges WHERE review_status = 'pending' AND pi_email = ? ORDER BY id",
      ZORP,
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
    match(asked, /Rejecting 2 charges billing \$4,080\.00 in 2025-01 keeps them out/);
    match(asked, /Note: test box/);
    match(asked, /Reject 2 charges billing \$4,080\.00 Cancel/);
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
    match(await pageText(done), /Rejected 2 charges \(\$4,080\.00\)\./);
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
    match(page, /Permanent: 25 charges billing \$19,086\.75 will never change again/);
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
    ok(id, "7 statements to draw: the POST answers while the job runs");
    const last = await waitForJob(f, rita, id);
    equal(jobState(last), "done");
    match(last, /Generating statements for 2025-01: done/);
    const htmx = await send(f, "GET", `/statements/jobs/${id}`, {
      as: rita,
      headers: { "HX-Request": "true" },
    });
    equal(
      htmx.headers.get("HX-Redirect"),
      "/statements?period=2025-01&done=generate&new=7&revised=0&unchanged=0",
    );
    await htmx.body?.cancel();
    const result = await pageText(await jobResultPage(f, rita, gen));
    match(result, /Generated: 7 new, 0 revised, 0 unchanged\./);
    equal(count(f, "SELECT COUNT(*) AS n FROM statements"), 7);
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
    match(running, /emailing PIs 0 of 5/);
    match(running, /<progress value="0" max="5">/);
    match(running, new RegExp(`hx-get="/statements/jobs/${id}"`));
    match(running, /hx-trigger="load delay:1s"/);
    const page = await pageText(
      await send(f, "GET", `/statements?period=2025-01&job=${id}`, { as: rita }),
    );
    match(page, /Sending statements for 2025-01… 0 of 5 emailing PIs 0 of 5/);
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
