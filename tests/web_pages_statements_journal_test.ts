/**
 * Statements (the pending-review rule surfaced, generate, preview inline,
 * download, PI ownership, send with delivery status) and the journal (preview
 * with debit/credit totals, export downloaded and recorded, history download).
 */

import { equal, match, ok } from "node:assert/strict";
import { putSetting } from "../src/storage/mod.ts";
import { send, sessionFor, type WebFixture, webFixture } from "./web_harness.ts";
import { ingest04, pageText } from "./web_pages_kit.ts";
import { jobResultPage } from "./web_jobs_kit.ts";

async function devFixture(flag: boolean): Promise<WebFixture> {
  const f = await webFixture({ tweak: (c) => (c.dev_mode = true) });
  if (flag) putSetting(f.db, "review.flag_patterns", ["gpu"], "test", "2025-02-01T00:00:00Z");
  await ingest04(f, "aws_2025-01.csv", "aws");
  return f;
}

Deno.test("web statements: the pending-review rule, generate, download, PI ownership, send", async () => {
  const f = await devFixture(true);
  try {
    const rita = sessionFor(f, "rita");
    const page = await pageText(await send(f, "GET", "/statements?period=2025-01", { as: rita }));
    match(page, /3 charges of 2025-01 await review/);
    const refused = await send(f, "POST", "/statements/generate", {
      as: rita,
      form: { period: "2025-01" },
    });
    equal(refused.status, 400);
    match(await pageText(refused), /3 charge\(s\) in 2025-01 are awaiting review/);
    const gen = await send(f, "POST", "/statements/generate", {
      as: rita,
      form: { period: "2025-01", allow_pending: "1" },
    });
    equal(gen.status, 303);
    const list = await pageText(await jobResultPage(f, rita, gen));
    match(list, /Generated: 7 new, 0 revised, 0 unchanged\./);
    const rows = f.db.all<{ number: string; pi_email: string }>(
      "SELECT number, pi_email FROM statements ORDER BY number",
    );
    equal(rows.length, 7);
    const mine = rows.find((r) => r.pi_email === "zorp.blinkman@example.edu")!;
    const other = rows.find((r) => r.pi_email !== "zorp.blinkman@example.edu")!;
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
    equal(patPage.includes("Generate statements"), false);
    const sent = await send(f, "POST", "/statements/send", {
      as: rita,
      form: { period: "2025-01", confirm: "1" },
    });
    equal(sent.status, 303);
    const after = await pageText(await jobResultPage(f, rita, sent));
    match(after, /Emails: 0 sent, 5 written to files \(dev mode\), 0 failed; 0 already sent/);
    match(after, /zorp\.blinkman@example\.edu .* written/);
    const one = await send(f, "POST", "/statements/send", {
      as: rita,
      form: { period: "2025-01", pi: "zorp.blinkman@example.edu", resend: "1" },
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
    match(preview, /25 rows from 25 charges · debit 19086\.75 · credit 19086\.75/);
    const res = await send(f, "POST", "/journal/export", {
      as: rita,
      form: { period: "2025-01", format: "detail" },
    });
    equal(res.status, 200);
    match(res.headers.get("content-disposition") ?? "", /^attachment; filename="journal_2025-01_/);
    const csv = await res.text();
    equal(csv.trim().split("\n").length, 26);
    const rec = f.db.get<{ id: number; exported_by: string }>(
      "SELECT id, exported_by FROM journal_exports",
    )!;
    equal(rec.exported_by, "web:rita");
    const history = await pageText(await send(f, "GET", "/journal?period=2025-01", { as: rita }));
    match(history, /detail 25 19086\.75 19086\.75 web:rita journal_2025-01_/);
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
