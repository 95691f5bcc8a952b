/**
 * Statements (the pending-review rule surfaced, generate, preview inline,
 * download, PI ownership, send with delivery status) and the journal (preview
 * with debit/credit totals, export downloaded and recorded, history download).
 */

import { equal, match, ok } from "node:assert/strict";
import { putSetting } from "../src/storage/mod.ts";
import { send, sessionFor, type WebFixture, webFixture } from "./web_harness.ts";
import { ingestMonth, pageText } from "./web_pages_kit.ts";
import { jobResultPage } from "./web_jobs_kit.ts";

/**
 * The own month's aws_2025-01.csv (8 rows billed 3,995.00: 3 PIs, 3 projects),
 * with `storage` also storage_2025-01.csv (6 rows: adds eli.marsh's
 * climate-downscaling and cora.lindqvist's speech-corpus, so 4 PIs and 5
 * projects). With `flag` the pattern "ec2" holds back its 3 Amazon EC2 rows.
 */
async function devFixture(flag: boolean, storage = false): Promise<WebFixture> {
  const f = await webFixture({ tweak: (c) => (c.dev_mode = true) });
  if (flag) putSetting(f.db, "review.flag_patterns", ["ec2"], "test", "2025-02-01T00:00:00Z");
  await ingestMonth(f, "aws_2025-01.csv", "aws");
  if (storage) await ingestMonth(f, "storage_2025-01.csv", "storage");
  return f;
}

Deno.test("web statements: the pending-review rule, generate, download, PI ownership, send", async () => {
  const f = await devFixture(true, true);
  try {
    const rita = sessionFor(f, "rita");
    const page = await pageText(await send(f, "GET", "/statements?period=2025-01", { as: rita }));
    match(page, /3 charges of 2025-01 await review/);
    const refused = await send(f, "POST", "/statements/generate", {
      as: rita,
      form: { period: "2025-01" },
    });
    equal(refused.status, 400);
    match(await pageText(refused), /3 charges in 2025-01 are awaiting review/);
    const gen = await send(f, "POST", "/statements/generate", {
      as: rita,
      form: { period: "2025-01", allow_pending: "1" },
    });
    equal(gen.status, 303);
    const list = await pageText(await jobResultPage(f, rita, gen));
    // one statement per PI and project: 5 projects of 4 PIs
    match(list, /Generated: 5 new, 0 revised, 0 unchanged\./);
    const rows = f.db.all<{ number: string; pi_email: string }>(
      "SELECT number, pi_email FROM statements ORDER BY number",
    );
    equal(rows.length, 5);
    const mine = rows.find((r) => r.pi_email === "ada.quill@northfield.edu")!;
    const other = rows.find((r) => r.pi_email !== "ada.quill@northfield.edu")!;
    const dl = await send(f, "GET", `/statements/${mine.number}/pdf`, { as: rita });
    equal(dl.status, 200);
    equal(dl.headers.get("content-type"), "application/pdf");
    match(dl.headers.get("content-disposition") ?? "", /^attachment; filename="statement_/);
    ok(new TextDecoder().decode((await dl.bytes()).slice(0, 5)) === "%PDF-");
    const inline = await send(f, "GET", `/statements/${mine.number}/pdf?inline=1`, { as: rita });
    match(inline.headers.get("content-disposition") ?? "", /^inline;/);
    await inline.body?.cancel();
    const pat = sessionFor(f, "pat");
    equal((await send(f, "GET", `/statements/${other.number}/pdf`, { as: pat })).status, 404);
    const own = await send(f, "GET", `/statements/${mine.number}/pdf`, { as: pat });
    equal(own.status, 200);
    await own.body?.cancel();
    const patPage = await pageText(await send(f, "GET", "/statements?period=2025-01", { as: pat }));
    equal(patPage.includes(other.pi_email), false);
    // the due date printed on the PDF is in the list (issue date + statements.due_days = 30)
    const dueOn = f.db.all<{ d: string }>(
      "SELECT DISTINCT json_extract(payment, '$.dueOn') AS d FROM statements",
    ).map((r) => r.d);
    equal(dueOn.length, 1);
    match(dueOn[0], /^\d{4}-\d{2}-\d{2}$/);
    match(patPage, new RegExp(`Due.*${dueOn[0]}`, "s"));
    equal(patPage.includes("Generate statements"), false);
    const sent = await send(f, "POST", "/statements/send", {
      as: rita,
      form: { period: "2025-01", confirm: "1" },
    });
    equal(sent.status, 303);
    const after = await pageText(await jobResultPage(f, rita, sent));
    // one email per PI: 4
    match(after, /Emails: 0 sent, 4 written to files \(dev mode\), 0 failed; 0 already sent/);
    match(after, /ada\.quill@northfield\.edu .* written/);
    // sending to one PI asks first too, naming the PI and the money, and sends nothing yet
    const emailsBefore = f.db.all("SELECT id FROM email_log").length;
    const ask = await send(f, "POST", "/statements/send", {
      as: rita,
      form: { period: "2025-01", pi: "ada.quill@northfield.edu", resend: "1" },
    });
    equal(ask.status, 200);
    const asked = await pageText(ask);
    match(asked, /Send ada\.quill@northfield\.edu's statements for 2025-01\?/);
    match(asked, /This emails ada\.quill@northfield\.edu \(1 statement billing \$[\d,]+\.\d\d\)/);
    equal(f.db.all("SELECT id FROM email_log").length, emailsBefore, "the question sends nothing");
    const one = await send(f, "POST", "/statements/send", {
      as: rita,
      form: { period: "2025-01", pi: "ada.quill@northfield.edu", resend: "1", confirm: "1" },
    });
    match(await pageText(await jobResultPage(f, rita, one)), /Emails: 0 sent, 1 written to files/);
  } finally {
    await f.close();
  }
});

Deno.test("web journal: preview totals, export download recorded and audited, history", async () => {
  const f = await devFixture(false);
  try {
    const rita = sessionFor(f, "rita");
    const preview = await pageText(
      await send(f, "GET", "/journal?period=2025-01&preview=1&format=detail", {
        as: sessionFor(f, "vic"),
      }),
    );
    // detail: one line per charge, 8 rows, 3,995.00 each side
    match(preview, /8 rows from 8 charges · debit 3995\.00 · credit 3995\.00/);
    const res = await send(f, "POST", "/journal/export", {
      as: rita,
      form: { period: "2025-01", format: "detail" },
    });
    equal(res.status, 200);
    match(res.headers.get("content-disposition") ?? "", /^attachment; filename="journal_2025-01_/);
    const csv = await res.text();
    equal(csv.trim().split("\n").length, 9, "a header and 8 lines");
    const rec = f.db.get<{ id: number; exported_by: string }>(
      "SELECT id, exported_by FROM journal_exports",
    )!;
    equal(rec.exported_by, "web:rita");
    const history = await pageText(await send(f, "GET", "/journal?period=2025-01", { as: rita }));
    match(history, /detail 8 3995\.00 3995\.00 web:rita journal_2025-01_/);
    const again = await send(f, "GET", `/journal/exports/${rec.id}`, { as: rita });
    equal(await again.text(), csv);
    equal(
      (await send(f, "POST", "/journal/export", {
        as: sessionFor(f, "vic"),
        form: { period: "2025-01" },
      })).status,
      403,
    );
  } finally {
    await f.close();
  }
});
