import { equal } from "node:assert/strict";
import { countOf, plural } from "./plural.ts";

Deno.test("plural: one, many, -y, -s, irregular", () => {
  equal(countOf(1, "delivery"), "1 delivery");
  equal(countOf(2, "delivery"), "2 deliveries");
  equal(countOf(1, "charge"), "1 charge");
  equal(countOf(0, "charge"), "0 charges");
  equal(countOf(1234, "charge"), "1,234 charges");
  equal(countOf(3, "PI"), "3 PIs");
  equal(countOf(2, "batch"), "2 batches");
  equal(plural(2, "day"), "days");
  equal(plural(2, "awaits"), "await");
  equal(plural(1, "awaits"), "awaits");
  equal(countOf(2, "person", "people"), "2 people");
});
