import { deepEqual, equal, match, throws } from "node:assert/strict";
import {
  closePeriod,
  finalizePeriod,
  getPeriod,
  listPeriods,
  periodSummaryJson,
  reopenPeriod,
} from "../src/periods/mod.ts";
import { NotFoundError, RuleError, UserError } from "../src/domain/errors.ts";
import { auditOf, seededContext, setPeriodStatus } from "./seed_charges.ts";

Deno.test("periods service: list gives counts and per-currency totals, rejected left out, pending apart", async () => {
  const { ctx, cleanup } = await seededContext();
  try {
    deepEqual(listPeriods(ctx).map(periodSummaryJson), [
      {
        period: "2025-02",
        status: "open",
        charges: 1,
        flagged: 0,
        billedCost: "40.00",
        listCost: "80.00",
        currency: "USD",
        totals: [{ currency: "USD", billedCost: "40.00", listCost: "80.00" }],
        pendingBilledCost: [],
        statements: null,
        closedAt: null,
        finalizedAt: null,
        notes: null,
      },
      {
        period: "2025-01",
        status: "open",
        charges: 9,
        flagged: 3,
        billedCost: null,
        listCost: null,
        currency: null,
        totals: [
          { currency: "EUR", billedCost: "3.00", listCost: "4.00" },
          // billable only: 151.331789 less the pending 10.00 + 5.125 + 1.111111
          { currency: "USD", billedCost: "135.095678", listCost: "217.50" },
        ],
        pendingBilledCost: [{ currency: "USD", billedCost: "16.236111" }],
        statements: null,
        closedAt: null,
        finalizedAt: null,
        notes: null,
      },
      {
        period: "2024-12",
        status: "finalized",
        charges: 1,
        flagged: 1,
        // its one charge awaits review: nothing billed, 9.99 pending
        billedCost: "0.00",
        listCost: "0.00",
        currency: "USD",
        totals: [{ currency: "USD", billedCost: "0.00", listCost: "0.00" }],
        pendingBilledCost: [{ currency: "USD", billedCost: "9.99" }],
        statements: null,
        closedAt: null,
        finalizedAt: null,
        notes: null,
      },
    ]);
  } finally {
    await cleanup();
  }
});

Deno.test("periods service: open -> closed -> open -> closed -> finalized, each audited", async () => {
  const { ctx, cleanup } = await seededContext();
  try {
    const c1 = closePeriod(ctx, "2025-02");
    deepEqual([c1.before, c1.after, c1.pendingReview], ["open", "closed", 0]);
    equal(getPeriod(ctx, "2025-02").closedAt, "2025-02-03T10:00:00.000Z");
    const r = reopenPeriod(ctx, "2025-02", "  late credits ");
    deepEqual([r.before, r.after], ["closed", "open"]);
    closePeriod(ctx, "2025-02");
    const f = finalizePeriod(ctx, "2025-02", "statements sent");
    deepEqual([f.before, f.after], ["closed", "finalized"]);
    const p = getPeriod(ctx, "2025-02");
    deepEqual([p.status, p.notes, p.finalizedAt], [
      "finalized",
      "statements sent",
      "2025-02-03T10:00:00.000Z",
    ]);
    const reopen = auditOf(ctx, "period.reopen");
    equal(reopen.length, 1);
    equal(reopen[0].actor, "test:reviewer");
    equal(reopen[0].at, "2025-02-03T10:00:00.000Z");
    equal(reopen[0].period, "2025-02");
    deepEqual(reopen[0].details, {
      before: "closed",
      after: "open",
      reason: "late credits",
      pendingReview: 0,
    });
    equal(auditOf(ctx, "period.close").length, 2);
    deepEqual(auditOf(ctx, "period.finalize")[0].details, {
      before: "closed",
      after: "finalized",
      notes: "statements sent",
      pendingReview: 0,
    });
  } finally {
    await cleanup();
  }
});

Deno.test("periods service: an open period may be finalized directly", async () => {
  const { ctx, cleanup } = await seededContext();
  try {
    const f = finalizePeriod(ctx, "2025-02");
    deepEqual([f.before, f.after], ["open", "finalized"]);
  } finally {
    await cleanup();
  }
});

Deno.test("periods service: refused transitions change nothing and are not audited", async () => {
  const { ctx, cleanup } = await seededContext();
  try {
    // reopen an open period
    throws(() => reopenPeriod(ctx, "2025-02", "x"), (e) => {
      equal(e instanceof RuleError, true);
      match((e as Error).message, /cannot reopen 2025-02: it is already open/);
      return true;
    });
    closePeriod(ctx, "2025-02");
    // close a closed period
    throws(() => closePeriod(ctx, "2025-02"), /cannot close 2025-02: it is already closed/);
    // reopen without a reason
    throws(() => reopenPeriod(ctx, "2025-02", "  "), (e) => e instanceof UserError);
    // every move out of finalized is refused
    for (
      const move of [
        () => closePeriod(ctx, "2024-12"),
        () => reopenPeriod(ctx, "2024-12", "oops"),
        () => finalizePeriod(ctx, "2024-12"),
      ]
    ) {
      throws(move, (e) => {
        equal(e instanceof RuleError, true);
        match((e as UserError).oneLine(), /it is finalized\. Finalizing is permanent/);
        return true;
      });
    }
    equal(getPeriod(ctx, "2024-12").status, "finalized");
    equal(getPeriod(ctx, "2025-02").status, "closed");
    equal(auditOf(ctx, "period.reopen").length, 0);
    equal(auditOf(ctx, "period.close").length, 1);
  } finally {
    await cleanup();
  }
});

Deno.test("periods service: finalize is refused while charges await review", async () => {
  const { ctx, cleanup } = await seededContext();
  try {
    throws(() => finalizePeriod(ctx, "2025-01"), (e) => {
      equal(e instanceof RuleError, true);
      equal(
        (e as UserError).oneLine(),
        "cannot finalize 2025-01: 3 charges await review. List them with: openchargeback review list -p 2025-01.",
      );
      return true;
    });
    // closing is refused naming the count, unless allowPending; it then reports the count
    throws(
      () => closePeriod(ctx, "2025-01"),
      /^RuleError: cannot close 2025-01: 3 charges await review;/,
    );
    equal(closePeriod(ctx, "2025-01", { allowPending: true }).pendingReview, 3);
    throws(() => finalizePeriod(ctx, "2025-01"), (e) => {
      match((e as UserError).oneLine(), /3 charges await review\..*\(reopen 2025-01 to approve/);
      return true;
    });
    equal(getPeriod(ctx, "2025-01").status, "closed");
    equal(auditOf(ctx, "period.finalize").length, 0);
  } finally {
    await cleanup();
  }
});

Deno.test("periods service: unknown or malformed periods", async () => {
  const { ctx, cleanup } = await seededContext();
  try {
    throws(() => closePeriod(ctx, "2023-07"), (e) => {
      equal(e instanceof NotFoundError, true);
      equal(
        (e as UserError).oneLine(),
        "period 2023-07 does not exist. Known periods: 2025-02, 2025-01, 2024-12.",
      );
      return true;
    });
    throws(() => getPeriod(ctx, "2025-13"), /'2025-13' is not a billing period/);
    setPeriodStatus(ctx.db, "2025-02", "closed");
    equal(getPeriod(ctx, " 2025-02 ").status, "closed");
  } finally {
    await cleanup();
  }
});
