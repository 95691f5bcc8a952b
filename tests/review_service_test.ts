import { deepEqual, equal, match, throws } from "node:assert/strict";
import {
  approveCharges,
  listPendingCharges,
  pendingChargeJson,
  rejectCharges,
  reviewOutcomeJson,
} from "../src/review/mod.ts";
import { getCharge } from "../src/charges/mod.ts";
import { closePeriod, getPeriod, reopenPeriod } from "../src/periods/mod.ts";
import { NotFoundError, RuleError, UserError } from "../src/domain/errors.ts";
import { auditOf, seededContext } from "./seed_charges.ts";

const statusOf = (ctx: Awaited<ReturnType<typeof seededContext>>["ctx"], id: number) =>
  ctx.db.get<{ s: string }>("SELECT review_status AS s FROM charges WHERE id = ?", id)!.s;

Deno.test("review service: list filters by period, reason (exact or prefix), source, PI", async () => {
  const { ctx, cleanup } = await seededContext();
  try {
    const ids = (f: Parameters<typeof listPendingCharges>[1]) =>
      listPendingCharges(ctx, f).map((c) => c.id);
    deepEqual(ids({}), [12, 10, 3, 5]);
    deepEqual(ids({ period: "2025-01" }), [10, 3, 5]);
    deepEqual(ids({ reason: "pattern" }), [12, 10, 3]);
    deepEqual(ids({ reason: "pattern:gpu|tpu" }), [10]);
    deepEqual(ids({ reason: "missing_fund_org", period: "2025-01" }), [10, 5]);
    deepEqual(ids({ pi: "BOB@Uni.EDU" }), [5]);
    deepEqual(ids({ source: "AWS", period: "2025-01" }), [10, 3, 5]);
    deepEqual(ids({ source: "hpc" }), []);
    deepEqual(pendingChargeJson(listPendingCharges(ctx, { pi: "bob@uni.edu" })[0]), {
      id: 5,
      period: "2025-01",
      source: "aws",
      piEmail: "bob@uni.edu",
      projectId: "proj-c",
      fundOrg: null,
      serviceName: "Amazon RDS",
      resourceId: "db-1",
      billedCost: "5.125",
      currency: "USD",
      reasons: ["missing_fund_org"],
    });
    throws(() => listPendingCharges(ctx, { source: "gcp" }), (e) => {
      equal(e instanceof NotFoundError, true);
      equal((e as UserError).oneLine(), "source 'gcp' does not exist. Known sources: aws, hpc.");
      return true;
    });
    throws(() => listPendingCharges(ctx, { period: "2023-01" }), (e) => e instanceof NotFoundError);
  } finally {
    await cleanup();
  }
});

Deno.test("review service: approve by ids makes charges billable, records decisions and one audit row", async () => {
  const { ctx, cleanup } = await seededContext();
  try {
    const before = getPeriod(ctx, "2025-01");
    const o = approveCharges(ctx, { ids: [3, 5, 3] }, " checked with PI ");
    deepEqual(reviewOutcomeJson(o), {
      decision: "approved",
      count: 2,
      ids: [3, 5],
      periods: ["2025-01"],
      billedCost: "15.125",
      currency: "USD",
      totals: [{ currency: "USD", billedCost: "15.125" }],
      note: "checked with PI",
    });
    deepEqual([statusOf(ctx, 3), statusOf(ctx, 5)], ["approved", "approved"]);
    // flagged count drops, charges (non-rejected) unchanged
    const after = getPeriod(ctx, "2025-01");
    deepEqual([after.charges, after.flagged], [before.charges, before.flagged - 2]);
    const detail = getCharge(ctx, 5);
    equal(detail.row.reviewed_by, "test:reviewer");
    equal(detail.row.review_note, "checked with PI");
    deepEqual(
      detail.decisions.map((d) => [d.decision, d.note, d.actor, d.at]),
      [["approved", "checked with PI", "test:reviewer", "2025-02-03T10:00:00.000Z"]],
    );
    const audit = auditOf(ctx, "review.approve");
    equal(audit.length, 1);
    equal(audit[0].period, "2025-01");
    deepEqual(audit[0].details, {
      selector: { ids: [3, 5] },
      ids: [3, 5],
      count: 2,
      periods: ["2025-01"],
      billed: [{ currency: "USD", micros: 15_125_000 }],
      note: "checked with PI",
    });
  } finally {
    await cleanup();
  }
});

Deno.test("review service: approve a period by reason prefix; nothing matching is not an error", async () => {
  const { ctx, cleanup } = await seededContext();
  try {
    const o = approveCharges(ctx, { period: "2025-01", reason: "pattern" });
    deepEqual([o.ids, o.money.billedCost], [[3, 10], 11_111_111]);
    deepEqual(listPendingCharges(ctx, { period: "2025-01" }).map((c) => c.id), [5]);
    const none = approveCharges(ctx, { period: "2025-01", reason: "pattern" });
    equal(none.count, 0);
    equal(auditOf(ctx, "review.approve").length, 1);
    deepEqual(auditOf(ctx, "review.approve")[0].details.selector, {
      period: "2025-01",
      reason: "pattern",
    });
  } finally {
    await cleanup();
  }
});

Deno.test("review service: decisions are all-or-nothing and name every bad id", async () => {
  const { ctx, cleanup } = await seededContext();
  try {
    throws(() => approveCharges(ctx, { ids: [3, 1, 6, 4, 999] }), (e) => {
      equal(e instanceof RuleError, true);
      equal(
        (e as UserError).oneLine(),
        "nothing changed: charges 1 (never flagged), 6 (already rejected), 4 (already approved), " +
          "999 (no such charge) are not awaiting review. " +
          "List the charges awaiting review with: openchargeback review list. " +
          "Reopen a rejection first with: openchargeback review reopen --id N --note '...'.",
      );
      return true;
    });
    throws(() => rejectCharges(ctx, [5, 2], "no"), /charge 2 \(never flagged\) is not awaiting/);
    deepEqual([statusOf(ctx, 3), statusOf(ctx, 5)], ["pending", "pending"]);
    equal(ctx.db.get<{ n: number }>("SELECT count(*) AS n FROM review_decisions")!.n, 0);
    equal(auditOf(ctx, "review.approve").length + auditOf(ctx, "review.reject").length, 0);
  } finally {
    await cleanup();
  }
});

Deno.test("review service: reject needs a note, keeps the charge, excludes it from totals", async () => {
  const { ctx, cleanup } = await seededContext();
  try {
    throws(() => rejectCharges(ctx, [5], "   "), (e) => {
      equal(e instanceof UserError, true);
      match((e as Error).message, /needs a note/);
      return true;
    });
    const before = getPeriod(ctx, "2025-01");
    const o = rejectCharges(ctx, [5, 10], "test resources");
    deepEqual([o.decision, o.count, o.money.billedCost], ["rejected", 2, 6_236_111]);
    deepEqual([statusOf(ctx, 5), statusOf(ctx, 10)], ["rejected", "rejected"]);
    const after = getPeriod(ctx, "2025-01");
    equal(after.charges, before.charges - 2);
    equal(after.flagged, before.flagged - 2);
    // billable charges only: the rejected ones were pending, so the billed figure is unchanged
    equal(after.money.totals.find((t) => t.currency === "USD")!.billedCost, 135_095_678);
    deepEqual(after.pending, [{ currency: "USD", billedCost: 10_000_000 }]);
    // still stored
    equal(getCharge(ctx, 5).row.review_status, "rejected");
    deepEqual(auditOf(ctx, "review.reject")[0].details.note, "test resources");
    // a rejected charge cannot be approved afterwards
    throws(() => approveCharges(ctx, { ids: [5] }), /5 \(already rejected\)/);
  } finally {
    await cleanup();
  }
});

Deno.test("review service: decisions on closed or finalized periods are refused", async () => {
  const { ctx, cleanup } = await seededContext();
  try {
    closePeriod(ctx, "2025-01", { allowPending: true });
    throws(() => approveCharges(ctx, { ids: [3] }), (e) => {
      equal(e instanceof RuleError, true);
      equal(
        (e as UserError).oneLine(),
        "review approve refused: period 2025-01 (closed) is not open. " +
          "Reopen it first: openchargeback periods reopen 2025-01 --reason '...'.",
      );
      return true;
    });
    throws(() => approveCharges(ctx, { period: "2025-01" }), /2025-01 \(closed\) is not open/);
    throws(() => rejectCharges(ctx, [3], "x"), /review reject refused/);
    // mixing an open and a finalized period changes nothing
    reopenPeriod(ctx, "2025-01", "review");
    throws(() => approveCharges(ctx, { ids: [3, 12] }), /2024-12 \(finalized\)/);
    equal(statusOf(ctx, 3), "pending");
  } finally {
    await cleanup();
  }
});
