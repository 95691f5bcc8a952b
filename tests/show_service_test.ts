import { deepEqual, equal, throws } from "node:assert/strict";
import { getCharge, listCharges, piSummaryJson, showPi } from "../src/charges/mod.ts";
import { approveCharges, rejectCharges } from "../src/review/mod.ts";
import { NotFoundError, type UserError } from "../src/domain/errors.ts";
import { seededContext } from "./seed_charges.ts";

Deno.test("show service: billable sums per project, flagged counted apart, PI any case", async () => {
  const { ctx, cleanup } = await seededContext();
  try {
    deepEqual(piSummaryJson(showPi(ctx, " Alice@UNI.edu ", "2025-01")), {
      pi: "alice@uni.edu",
      period: "2025-01",
      billedCost: "120.75",
      listCost: "195.00",
      currency: "USD",
      totals: [{ currency: "USD", billedCost: "120.75", listCost: "195.00" }],
      charges: 3,
      flagged: 2,
      projects: [
        {
          project: "proj-a",
          fundOrg: "BIO-100",
          currency: "USD",
          charges: 2,
          flagged: 1,
          billedCost: "120.75",
          listCost: "145.00",
        },
        {
          project: "proj-b",
          fundOrg: "CHM-200",
          currency: "USD",
          charges: 1,
          flagged: 1,
          billedCost: "0.00",
          listCost: "50.00",
        },
      ],
    });
  } finally {
    await cleanup();
  }
});

Deno.test("show service: rejected charges are excluded, approved ones join the sums", async () => {
  const { ctx, cleanup } = await seededContext();
  try {
    const bob = piSummaryJson(showPi(ctx, "bob@uni.edu", "2025-01"));
    deepEqual([bob.billedCost, bob.listCost, bob.charges, bob.flagged], [
      "12.345678",
      "20.00",
      1,
      1,
    ]);
    deepEqual(bob.projects.map((p) => [p.project, p.fundOrg, p.charges, p.flagged, p.billedCost]), [
      ["proj-c", null, 0, 1, "0.00"],
      ["proj-c", "PHY-300", 1, 0, "12.345678"],
    ]);
    approveCharges(ctx, { ids: [5] });
    const after = piSummaryJson(showPi(ctx, "bob@uni.edu", "2025-01"));
    deepEqual([after.billedCost, after.listCost, after.charges, after.flagged], [
      "17.470678",
      "26.00",
      2,
      0,
    ]);
    rejectCharges(ctx, [3], "not ours");
    const alice = piSummaryJson(showPi(ctx, "alice@uni.edu", "2025-01"));
    deepEqual([alice.billedCost, alice.flagged, alice.projects[1].flagged], ["120.75", 1, 0]);
  } finally {
    await cleanup();
  }
});

Deno.test("show service: several currencies are never added", async () => {
  const { ctx, cleanup } = await seededContext();
  try {
    const carol = piSummaryJson(showPi(ctx, "carol@uni.edu", "2025-01"));
    deepEqual([carol.billedCost, carol.listCost, carol.currency], [null, null, null]);
    deepEqual(carol.totals, [
      { currency: "EUR", billedCost: "3.00", listCost: "4.00" },
      { currency: "USD", billedCost: "2.00", listCost: "2.50" },
    ]);
    deepEqual(carol.projects.map((p) => [p.project, p.currency, p.billedCost]), [
      ["proj-d", "EUR", "3.00"],
      ["proj-d", "USD", "2.00"],
    ]);
  } finally {
    await cleanup();
  }
});

Deno.test("show service: unknown PI or period is NotFound with a useful hint", async () => {
  const { ctx, cleanup } = await seededContext();
  try {
    throws(() => showPi(ctx, "dave@uni.edu", "2025-01"), (e) => {
      equal(e instanceof NotFoundError, true);
      equal(
        (e as UserError).oneLine(),
        "no charges for dave@uni.edu in 2025-01. " +
          "PIs with charges in 2025-01: alice@uni.edu, bob@uni.edu, carol@uni.edu.",
      );
      return true;
    });
    throws(() => showPi(ctx, "alice@uni.edu", "2025-03"), /period 2025-03 does not exist/);
  } finally {
    await cleanup();
  }
});

Deno.test("charges service: getCharge gives every column, parsed tags and decision history", async () => {
  const { ctx, cleanup } = await seededContext([
    {
      source: "aws",
      period: "2025-01",
      pi: "a@x.edu",
      billed: "1.50",
      list: "2",
      status: "pending",
      flags: ["pattern:gpu"],
      tags: '{"pi_email": "a@x.edu", "n": 1}',
    },
    { source: "aws", period: "2025-01", pi: "a@x.edu", billed: "1", list: "1", tags: "not json" },
  ]);
  try {
    approveCharges(ctx, { ids: [1] }, "fine");
    const c = getCharge(ctx, 1);
    deepEqual(c.tags, { pi_email: "a@x.edu", n: 1 });
    deepEqual(c.reasons, ["pattern:gpu"]);
    deepEqual(c.source, { name: "aws", displayName: "AWS" });
    equal(c.row.billed_cost, 1_500_000);
    equal(c.row.line_no, 2);
    equal(c.row.review_status, "approved");
    deepEqual(c.decisions.map((d) => [d.charge_id, d.decision, d.note]), [[1, "approved", "fine"]]);
    equal(getCharge(ctx, 2).tags, "not json");
    throws(() => getCharge(ctx, 3), /charge 3 does not exist/);
    const page = listCharges(ctx, { source: "AWS", reviewStatus: "approved" });
    deepEqual([page.total, page.rows.map((r) => r.id)], [1, [1]]);
    equal(listCharges(ctx, { piEmail: "A@X.EDU", limit: 1 }).total, 2);
  } finally {
    await cleanup();
  }
});
