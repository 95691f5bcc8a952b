import { deepEqual, equal, throws } from "node:assert/strict";
import { addSource, listSources, sourceSummaryJson } from "../src/sources/mod.ts";
import { rejectCharges } from "../src/review/mod.ts";
import type { UserError } from "../src/domain/errors.ts";
import { auditOf, seededContext } from "./seed_charges.ts";

Deno.test("sources service: list with last import, non-rejected counts and totals", async () => {
  const { ctx, cleanup } = await seededContext();
  try {
    rejectCharges(ctx, [10], "duplicate");
    deepEqual(listSources(ctx).map(sourceSummaryJson), [
      {
        name: "aws",
        displayName: "AWS",
        lastImport: "2025-02-01T08:00:00.000Z",
        charges: 7,
        billedCost: null,
        listCost: null,
        currency: null,
        totals: [
          { currency: "EUR", billedCost: "3.00", listCost: "4.00" },
          { currency: "USD", billedCost: "147.865", listCost: "173.49" },
        ],
      },
      {
        name: "hpc",
        displayName: "HPC",
        lastImport: "2025-02-02T08:00:00.000Z",
        charges: 3,
        billedCost: "52.345678",
        listCost: "150.00",
        currency: "USD",
        totals: [{ currency: "USD", billedCost: "52.345678", listCost: "150.00" }],
      },
    ]);
  } finally {
    await cleanup();
  }
});

Deno.test("sources service: add is case-insensitive, audited, display name defaults", async () => {
  const { ctx, cleanup } = await seededContext();
  try {
    throws(() => addSource(ctx, "AWS"), (e) => {
      equal(
        (e as UserError).oneLine(),
        "source 'AWS' already exists as 'aws' (AWS). Source names are compared without case; use the existing source.",
      );
      return true;
    });
    const g = addSource(ctx, "GCP", " Google Cloud ");
    deepEqual([g.name, g.displayName], ["gcp", "Google Cloud"]);
    deepEqual(addSource(ctx, "Azure").displayName, "Azure");
    throws(() => addSource(ctx, "gcp"), /already exists as 'gcp'/);
    throws(() => addSource(ctx, "  "), /is not a usable source name/);
    const audit = auditOf(ctx, "source.add");
    equal(audit.length, 2);
    deepEqual(audit[0].details, { name: "gcp", displayName: "Google Cloud", by: "sources add" });
    deepEqual(
      listSources(ctx).map((s) => [s.name, s.lastImport, s.charges, s.money.billedCost]),
      [
        ["aws", "2025-02-01T08:00:00.000Z", 8, null],
        ["azure", null, 0, 0],
        ["gcp", null, 0, 0],
        ["hpc", "2025-02-02T08:00:00.000Z", 3, 52_345_678],
      ],
    );
  } finally {
    await cleanup();
  }
});
