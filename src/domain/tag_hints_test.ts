import { deepEqual } from "node:assert/strict";
import { nearMissHints, nearMissKeys } from "./tag_hints.ts";

const MAPPING = {
  pi_email: "pi_email",
  pi_name: "pi_name",
  project_id: "project_id",
  fund_org: "fund_org",
  cost_center: "cost_center",
  reference_1: "reference_1",
  reference_2: "reference_2",
  account_code: "account_code",
};

Deno.test("tag hints: typos, other case and short forms of the expected keys", () => {
  // the example: a transposed short form
  deepEqual(nearMissKeys({ projcet: "x", Owner: "t" }, "project_id"), ["projcet"]);
  deepEqual(
    nearMissHints(
      ["missing_pi_email", "missing_project_id", "missing_fund_org"],
      { PI: "dana", projcet_id: "p", Fund_Org: "F-1", Owner: "team" },
      MAPPING,
    ),
    [
      "no pi_email tag; the row has PI — a typo?",
      "no project_id tag; the row has projcet_id — a typo?",
      "no fund_org tag; the row has Fund_Org — a typo?",
    ],
  );
  deepEqual(nearMissHints(["missing_project_id"], { project: "p" }, MAPPING), [
    "no project_id tag; the row has project — a typo?",
  ]);
  deepEqual(nearMissHints(["missing_pi_email"], { Owner: "x" }, MAPPING), []);
});
