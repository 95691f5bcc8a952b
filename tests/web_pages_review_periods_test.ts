/**
 * The review queue (filters, bulk approve / reject with a note, htmx partial
 * updates, audited) and the period pages (close, reopen with a reason,
 * finalize with a typed confirmation; the period service's rules apply).
 */

import { deepEqual, equal, match } from "node:assert/strict";
import { putSetting } from "../src/storage/mod.ts";
import { send, sessionFor, type WebFixture, webFixture } from "./web_harness.ts";
import { ingestMonth, pageText } from "./web_pages_kit.ts";

/**
 * tests/fixtures/month/aws_2025-01.csv with the flag pattern "ec2": its 3
 * Amazon EC2 rows await review, ids 1 and 2 of ada.quill (850.00 + 510.00 =
 * 1,360.00) and id 7 of cora.lindqvist (1,700.00); held back 3,060.00 of the
 * 3,995.00 billed, leaving 935.00 billable.
 */
async function flaggedFixture(): Promise<WebFixture> {
  const f = await webFixture();
  putSetting(f.db, "review.flag_patterns", ["ec2"], "test", "2025-02-01T00:00:00Z");
  await ingestMonth(f, "aws_2025-01.csv", "aws");
  return f;
}

function pendingIds(f: WebFixture): number[] {
  return f.db.all<{ id: number }>(
    "SELECT id FROM charges WHERE review_status = 'pending' ORDER BY id",
  ).map((r) => r.id);
}

Deno.test("web review: the queue with counts per reason; filters by PI and reason", async () => {
  const f = await flaggedFixture();
  try {
    const vic = sessionFor(f, "vic");
    const page = await pageText(await send(f, "GET", "/review?period=2025-01", { as: vic }));
    match(page, /Awaiting review 3 Billed held back \$3,060\.00 pattern:ec2 3/);
    equal(page.includes("Approve selected"), false, "a viewer gets no decision buttons");
    const ada = await pageText(
      await send(f, "GET", "/review?period=2025-01&pi=ada.quill@northfield.edu", { as: vic }),
    );
    match(ada, /Awaiting review 2 Billed held back \$1,360\.00/);
    const none = await pageText(
      await send(f, "GET", "/review?period=2025-01&reason=invalid_fund_org", { as: vic }),
    );
    match(none, /Nothing awaits review here/);
  } finally {
    await f.close();
  }
});

Deno.test("web review: approve and reject in bulk (htmx fragment), note required, audited", async () => {
  const f = await flaggedFixture();
  try {
    const rita = sessionFor(f, "rita");
    const [a, b, c] = pendingIds(f);
    const htmx = { "HX-Request": "true" };
    const noNote = await send(f, "POST", "/review/decide", {
      as: rita,
      form: { decision: "reject", id: String(a), period: "2025-01" },
      headers: htmx,
    });
    equal(noNote.status, 200);
    match(await pageText(noNote), /rejecting charges needs a note/);
    const body = new URLSearchParams({ decision: "approve", period: "2025-01", note: "ok" });
    body.append("id", String(a));
    body.append("id", String(b));
    const approved = await f.app.request("http://oc.test/review/decide", {
      method: "POST",
      headers: {
        Cookie: rita.cookie,
        Origin: "http://oc.test",
        "Content-Type": "application/x-www-form-urlencoded",
        "X-CSRF-Token": rita.csrf,
        ...htmx,
      },
      body: body.toString(),
    });
    const fragment = await approved.text();
    equal(fragment.startsWith('<div id="review-body">'), true, "an htmx fragment, not a page");
    match(fragment, /Approved 2 charges \(\$1,360\.00\)\./);
    match(fragment, /id="pending-count">1</);
    const rejected = await send(f, "POST", "/review/decide", {
      as: rita,
      form: {
        decision: "reject",
        id: String(c),
        period: "2025-01",
        note: "test box",
        confirm: "1",
      },
    });
    equal(rejected.status, 303);
    match(rejected.headers.get("location") ?? "", /decided=rejected&count=1/);
    deepEqual(
      f.db.all(
        "SELECT id, review_status, review_note, reviewed_by FROM charges WHERE id IN (?, ?, ?) ORDER BY id",
        a,
        b,
        c,
      ),
      [
        { id: a, review_status: "approved", review_note: "ok", reviewed_by: "web:rita" },
        { id: b, review_status: "approved", review_note: "ok", reviewed_by: "web:rita" },
        { id: c, review_status: "rejected", review_note: "test box", reviewed_by: "web:rita" },
      ],
    );
    deepEqual(
      f.db.all<{ action: string; actor: string }>(
        "SELECT action, actor FROM audit_log WHERE action LIKE 'review.%' ORDER BY id",
      ),
      [
        { action: "review.approve", actor: "web:rita" },
        { action: "review.reject", actor: "web:rita" },
      ],
    );
    const again = await send(f, "POST", "/review/decide", {
      as: rita,
      form: { decision: "approve", id: String(a), period: "2025-01" },
    });
    equal(again.status, 400);
    match(await pageText(again), /already approved/);
  } finally {
    await f.close();
  }
});

Deno.test("web periods: close, decisions refused while closed, reopen with reason, finalize typed", async () => {
  const f = await flaggedFixture();
  try {
    const rita = sessionFor(f, "rita");
    const admin = sessionFor(f, "admin");
    const list = await pageText(await send(f, "GET", "/periods", { as: rita }));
    // billed: the billable charges only (3,995.00 less the 3 awaiting review, 3,060.00)
    match(list, /2025-01 open 8 3 \$935\.00/);
    const pendingClose = await send(f, "POST", "/periods/2025-01/close", { as: rita });
    equal(pendingClose.status, 400);
    const pendingText = await pageText(pendingClose);
    match(
      pendingText,
      /cannot close 2025-01: 3 charges await review; closing locks them until the period is reopened\. Approve or reject them on the Review page first, or tick "Close with charges awaiting review" and press Close 2025-01\./,
    );
    match(pendingText, /Close with 3 charges awaiting review/);
    equal(pendingText.includes("--allow-pending"), false);
    equal(
      (await send(f, "POST", "/periods/2025-01/close", { as: rita, form: { allow_pending: "1" } }))
        .status,
      303,
    );
    // the closed period's review page offers no decision, and says why
    const closedReview = await pageText(
      await send(f, "GET", "/review?period=2025-01", { as: rita }),
    );
    equal(closedReview.includes("Approve selected"), false);
    equal(closedReview.includes("Reject selected"), false);
    match(
      closedReview,
      /Period 2025-01 is closed: approving, rejecting and importing are refused until it is reopened \(Periods page, 2025-01, Reopen 2025-01\)\./,
    );
    const refused = await send(f, "POST", "/review/decide", {
      as: rita,
      form: { decision: "approve_all", period: "2025-01" },
    });
    equal(refused.status, 400);
    match(await pageText(refused), /period 2025-01 \(closed\) is not open/);
    equal((await send(f, "POST", "/periods/2025-01/reopen", { as: rita })).status, 403);
    const noReason = await send(f, "POST", "/periods/2025-01/reopen", { as: admin });
    equal(noReason.status, 400);
    match(await pageText(noReason), /reopening a period needs a reason/);
    equal(
      (await send(f, "POST", "/periods/2025-01/reopen", {
        as: admin,
        form: { reason: "late credits" },
      })).status,
      303,
    );
    const typo = await send(f, "POST", "/periods/2025-01/finalize", {
      as: admin,
      form: { confirm: "2025-1" },
    });
    equal(typo.status, 400);
    match(await pageText(typo), /type 2025-01 to confirm/);
    const gated = await send(f, "POST", "/periods/2025-01/finalize", {
      as: admin,
      form: { confirm: "2025-01" },
    });
    equal(gated.status, 400);
    match(await pageText(gated), /cannot finalize 2025-01: 3 charges await review/);
    const all = await send(f, "POST", "/review/decide", {
      as: rita,
      form: { decision: "approve_all", period: "2025-01", reason: "pattern" },
    });
    equal(all.status, 303);
    const done = await send(f, "POST", "/periods/2025-01/finalize", {
      as: admin,
      form: { confirm: "2025-01", notes: "closed books" },
    });
    equal(done.status, 303);
    const detail = await pageText(
      await send(f, "GET", "/periods/2025-01?m=finalize", { as: rita }),
    );
    match(detail, /Period 2025-01 finalized Period finalized\./);
    match(detail, /Notes: closed books/);
    deepEqual(
      f.db.all<{ action: string; actor: string }>(
        "SELECT action, actor FROM audit_log WHERE action LIKE 'period.%' ORDER BY id",
      ).map((r) => `${r.action} ${r.actor}`),
      ["period.close web:rita", "period.reopen web:admin", "period.finalize web:admin"],
    );
  } finally {
    await f.close();
  }
});
