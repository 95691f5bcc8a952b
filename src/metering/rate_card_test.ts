import { deepEqual, equal, throws } from "node:assert/strict";
import { UserError } from "../domain/errors.ts";
import { cardAt, parseRateCard } from "./rate_card.ts";
import { TEST_CARD } from "./metering_test_kit.ts";

/** The one-line message a refused card gives. */
function refusal(text: string): string {
  try {
    parseRateCard(text, "rates.yaml");
  } catch (e) {
    if (e instanceof UserError) return e.oneLine();
    throw e;
  }
  throw new Error("the card was accepted");
}

const sku = (extra: string, history = '      - {from: 2026-01, list: "0.02"}') =>
  `currency: USD
skus:
  - id: cpu
    service: HPC
    unit: core-hours
    measure: {tres: cpu}
    history:
${history}
${extra}`;

Deno.test("rates: the test card is accepted and priced by month", () => {
  const card = parseRateCard(TEST_CARD, "rates.yaml");
  equal(card.skus.length, 3);
  deepEqual(cardAt(card, "2026-06").map((p) => p.price.list), ["0.0200", "1.2500", "0.0100"]);
  deepEqual(cardAt(card, "2026-07").map((p) => p.price.priceId), ["cpu-b", null, null]);
  deepEqual(cardAt(card, "2023-12"), []);
});

Deno.test("rates check: overlapping months are refused naming the line", () => {
  const text = sku(
    "",
    [
      '      - {from: 2026-01, until: 2026-06, list: "0.02"}',
      '      - {from: 2026-06, list: "0.03"}',
    ].join("\n"),
  );
  equal(
    refusal(text),
    "rates.yaml:9: SKU 'cpu': history from 2026-06 overlaps the entry of line 8 (2026-01 to 2026-06). " +
      "End the earlier entry the month before (until: is inclusive).",
  );
});

Deno.test("rates check: an open-ended entry followed by another overlaps it", () => {
  const text = sku(
    "",
    '      - {from: 2026-01, list: "0.02"}\n      - {from: 2026-07, list: "0.03"}',
  );
  equal(refusal(text).startsWith("rates.yaml:9: SKU 'cpu': history from 2026-07 overlaps"), true);
});

Deno.test("rates check: months out of order are refused", () => {
  const text = sku(
    "",
    [
      '      - {from: 2026-07, list: "0.03"}',
      '      - {from: 2026-01, until: 2026-06, list: "0.02"}',
    ].join("\n"),
  );
  equal(refusal(text).startsWith("rates.yaml:9: SKU 'cpu': history months out of order"), true);
});

Deno.test("rates check: a gap inside a SKU's life is refused", () => {
  const text = sku(
    "",
    [
      '      - {from: 2026-01, until: 2026-03, list: "0.02"}',
      '      - {from: 2026-05, list: "0.03"}',
    ].join("\n"),
  );
  equal(
    refusal(text).startsWith(
      "rates.yaml:9: SKU 'cpu': a gap in its history: nothing from 2026-04 to the month before 2026-05.",
    ),
    true,
  );
});

Deno.test("rates check: a value that is not a decimal (or is a YAML number) is refused", () => {
  equal(
    refusal(sku("", '      - {from: 2026-01, list: "two cents"}')).startsWith(
      "rates.yaml:8: skus.0.history.0.list: is not a decimal number",
    ),
    true,
  );
  equal(
    refusal(sku("", "      - {from: 2026-01, list: 0.02}")).startsWith(
      "rates.yaml:8: skus.0.history.0.list: expected a decimal written as a quoted string",
    ),
    true,
  );
});

Deno.test("rates check: an unknown unit or measure is refused", () => {
  equal(
    refusal(sku("").replace("unit: core-hours", "unit: cpu-minutes")).startsWith(
      "rates.yaml:5: skus.0.unit: unknown unit",
    ),
    true,
  );
  equal(
    refusal(sku("").replace("{tres: cpu}", "{tres: gpus}")).startsWith(
      "rates.yaml:6: SKU 'cpu': unknown measure tres 'gpus'.",
    ),
    true,
  );
  equal(
    refusal(sku("").replace("{tres: cpu}", "{tres: gres/gpu}")).startsWith(
      "rates.yaml:5: SKU 'cpu': unit core-hours does not fit its measure tres: gres/gpu.",
    ),
    true,
  );
});

Deno.test("rates check: duplicate ids are refused", () => {
  const text = sku(`  - id: cpu
    service: HPC
    unit: core-hours
    measure: {tres: cpu}
    match: {partition: [other]}
    history:
      - {from: 2026-01, list: "0.02"}`);
  equal(refusal(text).startsWith("rates.yaml:9: duplicate SKU id 'cpu' (first at line 3)."), true);
});

Deno.test("rates check: two SKUs matching the same (cluster, partition, TRES) are refused", () => {
  const text = `currency: USD
skus:
  - id: gpu-any
    service: HPC
    unit: gpu-hours
    measure: {tres: gres/gpu}
    match: {cluster: [cascade]}
    history:
      - {from: 2026-01, list: "1.00"}
  - id: gpu-a100
    service: HPC
    unit: gpu-hours
    measure: {tres: "gres/gpu:a100"}
    match: {cluster: [cascade], partition: [gpu]}
    history:
      - {from: 2026-01, list: "2.00"}
`;
  equal(
    refusal(text),
    "rates.yaml:10: SKUs 'gpu-a100' and 'gpu-any' (line 3) both price (cluster cascade, partition gpu, " +
      "TRES gres/gpu:a100) in the same months. Narrow their match: lists so each usage has one price.",
  );
  // disjoint partitions are fine
  parseRateCard(
    text.replace("match: {cluster: [cascade]}", "match: {cluster: [cascade], partition: [std]}"),
    "r",
  );
});

Deno.test("rates check: YAML errors and unknown keys name their line", () => {
  equal(refusal("currency: USD\nskus: [\n").startsWith("rates.yaml:"), true);
  equal(
    refusal(sku("", '      - {from: 2026-01, list: "0.02", prise: "1"}')).startsWith(
      "rates.yaml:8:",
    ),
    true,
  );
  throws(() => parseRateCard("currency: usd\nskus: []\n", "r"), /ISO currency code/);
});

Deno.test("rates: sample_data/rates.example.yaml passes the checks", () => {
  const url = new URL("../../sample_data/rates.example.yaml", import.meta.url);
  const card = parseRateCard(Deno.readTextFileSync(url), "rates.example.yaml");
  deepEqual(cardAt(card, "2026-09").map((p) => [p.sku.id, p.price.list]), [
    ["cpu-std", "0.0180"],
    ["cpu-gpu-nodes", "0.0100"],
    ["gpu-a100", "1.2500"],
    ["gpu-l40s", "0.7500"],
    ["mem-bigmem", "0.0005"],
    ["storage-project", "8.00"],
    ["storage-archive", "2.50"],
  ]);
});
