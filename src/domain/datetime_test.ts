import { equal } from "node:assert/strict";
import { parseFocusDateTime, periodOfEpoch } from "./datetime.ts";

Deno.test("parseFocusDateTime accepts the ISO 8601 shapes FOCUS files use", () => {
  const cases: [string, string][] = [
    ["2025-03-01", "2025-03-01T00:00:00Z"],
    ["2025-03-01 00:00:00", "2025-03-01T00:00:00Z"],
    ["2025-03-01T00:00Z", "2025-03-01T00:00:00Z"],
    ["2025-03-01T00:00:00.000Z", "2025-03-01T00:00:00Z"],
    ["2025-03-01T10:30:15.5Z", "2025-03-01T10:30:15.500Z"],
    ["2025-03-01T01:00:00+02:00", "2025-02-28T23:00:00Z"],
    ["2024-09-01 00:00:00", "2024-09-01T00:00:00Z"],
  ];
  for (const [input, iso] of cases) equal(parseFocusDateTime(input)?.iso, iso, input);
});

Deno.test("parseFocusDateTime refuses impossible or foreign dates", () => {
  for (
    const bad of [
      "2025-13-45",
      "2025-02-30",
      "5/1/25",
      "garbage",
      "",
      "2025-01-01T25:00Z",
      "2025-1-1",
    ]
  ) {
    equal(parseFocusDateTime(bad), null, bad);
  }
});

Deno.test("the period is the UTC month of the start", () => {
  equal(periodOfEpoch(parseFocusDateTime("2025-03-01T01:00:00+02:00")!.epochMs), "2025-02");
  equal(periodOfEpoch(parseFocusDateTime("2025-01-31")!.epochMs), "2025-01");
});
