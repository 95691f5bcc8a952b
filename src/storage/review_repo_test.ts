import { deepEqual } from "node:assert/strict";
import { openDatabase } from "./database.ts";
import { findPendingReviewStates, listReviewQueueRows } from "./review_repo.ts";
import { reviewQueuePage, reviewQueueTotals } from "./web_lists_repo.ts";

/** Flag lists with reasons JSON escapes (quotes, backslashes, control characters) and look-alikes. */
const FLAGS: (string[] | null)[] = [
  ["missing_fund_org"],
  ["pattern:gpu|tpu", "missing_fund_org"],
  ['pattern:say "hi"'],
  ["pattern:C:\\path\\x"],
  ["pattern:tab\there"],
  ["not_missing_fund_org"], // contains the reason, not at its start
  ['x \\"missing'], // `"missing` appears in its JSON text after an escaped quote
  ["période ✓ 😀"],
  null,
];

Deno.test("review queries: reason prefixes match exactly what the flags hold", async () => {
  const dir = await Deno.makeTempDir({ prefix: "oc-review-repo-" });
  try {
    const db = openDatabase(`${dir}/billing.db`);
    db.run(
      "INSERT INTO sources (id, name, display_name, created_at) VALUES (1, 'aws', 'AWS', 'x')",
    );
    db.run("INSERT INTO periods (period, status, created_at) VALUES ('2025-01', 'open', 'x')");
    db.run(
      `INSERT INTO imports (id, source_id, files, mode, periods, rows, added, removed, unchanged,
        flagged, billed_cost, list_cost, status, imported_by, imported_at)
       VALUES (1, 1, '[]', 'replace', '[]', 0, 0, 0, 0, 0, 0, 0, 'imported', 't', 'x')`,
    );
    db.run("INSERT INTO charge_texts (id, value) VALUES (1, 'f.csv'), (2, '2025-01-01')");
    FLAGS.forEach((flags, i) => {
      db.run(
        `INSERT INTO charges (id, source_id, period, import_id, fingerprint, occurrence,
          file_name_ref, line_no, billing_period_start_ref, billed_cost, list_cost,
          contracted_cost, effective_cost, billing_currency, pi_email, flags, review_status)
         VALUES (?, 1, '2025-01', 1, ?, 1, 1, 2, 2, ?, 0, 0, 0, 'USD', 'a@x.edu', ?, ?)`,
        i + 1,
        `fp${i}`,
        (i + 1) * 1_000_000,
        flags === null ? null : JSON.stringify(flags),
        flags === null ? "none" : "pending",
      );
    });
    const expected = (prefix: string) =>
      FLAGS.flatMap((f, i) => f?.some((r) => r.startsWith(prefix)) ? [i + 1] : []);
    for (
      const prefix of [
        "missing",
        "missing_fund_org",
        "pattern",
        'pattern:say "',
        "pattern:C:\\",
        "pattern:tab\t",
        "période",
        "not",
        "invalid_tags",
        '"missing',
      ]
    ) {
      const want = expected(prefix);
      const f = { period: "2025-01", reasonPrefix: prefix };
      deepEqual(findPendingReviewStates(db, f).map((r) => r.id), want, prefix);
      deepEqual(listReviewQueueRows(db, f).map((r) => r.id).sort((a, b) => a - b), want, prefix);
      const page = reviewQueuePage(db, { period: "2025-01", reason: prefix }, 50, 0);
      deepEqual(page.map((r) => r.id).sort((a, b) => a - b), want, prefix);
      const totals = reviewQueueTotals(db, { period: "2025-01", reason: prefix });
      deepEqual(
        totals.map((t) => [t.charges, t.billed]),
        want.length ? [[want.length, want.reduce((s, id) => s + id * 1_000_000, 0)]] : [],
        prefix,
      );
    }
    db.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
