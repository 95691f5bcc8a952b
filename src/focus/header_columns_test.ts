import { deepEqual, equal } from "node:assert/strict";
import { resolveHeader } from "./header_columns.ts";

Deno.test("resolveHeader: lenient reads any case, strict only exact ids and names", () => {
  const header = [" SkuPriceid ", "AmortizedCost", "amortizedcost", "ResourceID", "x_Team"];
  const lenient = resolveHeader(header, "lenient");
  deepEqual(
    lenient.map((c) => [c.name, c.column?.id, c.exact, c.preOne?.standsFor, c.duplicateOf]),
    [
      ["SkuPriceid", "SkuPriceId", false, undefined, -1],
      ["AmortizedCost", undefined, false, "EffectiveCost", -1],
      ["amortizedcost", undefined, false, "EffectiveCost", 1],
      ["ResourceID", "ResourceId", false, "ResourceId", -1],
      ["x_Team", undefined, false, undefined, -1],
    ],
  );
  const strict = resolveHeader(header, "strict");
  deepEqual(strict.map((c) => [c.preOne?.name, c.duplicateOf]), [
    [undefined, -1],
    ["AmortizedCost", -1],
    [undefined, -1], // not the 0.5 spelling, and a different name when case counts
    ["ResourceID", -1],
    [undefined, -1],
  ]);
  equal(resolveHeader(["BilledCost"], "strict")[0].exact, true);
});
