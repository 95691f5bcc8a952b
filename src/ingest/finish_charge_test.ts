import { deepEqual, equal } from "node:assert/strict";
import { defaultConfig } from "../config/mod.ts";
import { type AttributionPlan, compileRule } from "../domain/attribution_rules.ts";
import { fingerprintPlan } from "../domain/fingerprint.ts";
import { chargeFinisher } from "./finish_charge.ts";
import { planHeader } from "./focus_header.ts";
import { parseChargeRow } from "./parse_charge_row.ts";
import { RowErrorList } from "./row_errors.ts";

const HEADER = ["BillingPeriodStart", "BilledCost", "SubAccountId", "Tags", "x_ResourceGroupName"];

function parse(plan: AttributionPlan, cells: string[]) {
  const p = planHeader(HEADER);
  const errors = new RowErrorList();
  const c = parseChargeRow(
    {
      fileName: "t.csv",
      plan: p,
      defaultCurrency: "USD",
      finisher: chargeFinisher(
        {
          tagMapping: defaultConfig().tag_mapping,
          rules: { flagPatterns: [], fundOrgPatterns: [] },
          expectedPeriod: null,
          attribution: plan,
        },
        fingerprintPlan(HEADER),
        p.names,
      ),
      dateCache: new Map(),
    },
    2,
    cells,
    errors,
  );
  equal(errors.count, 0);
  return c!;
}

const RULES = [
  compileRule(
    {
      name: "data-team",
      match: { "tag:Owner": "team-data", SubAccountId: "/^1234/" },
      set: { pi_email: "Dana.Li@univ.example", pi_name: "Dana Li", project_id: "data-platform" },
    },
    "config",
    "r0",
  ),
  compileRule(
    {
      name: "rg-fund",
      match: { x_ResourceGroupName: "rg-chem" },
      set: { fund_org: "CHEM-10423", project_id: "ignored-second" },
    },
    "config",
    "r1",
  ),
];

Deno.test("finishCharge: rules fill what the tags leave empty, per field the first rule wins", () => {
  const c = parse(
    { precedence: "tags", rules: RULES, aliases: {} },
    ["2026-05-01", "10", "123456", '{"Owner":"team-data","project_id":"own-tag"}', "rg-chem"],
  );
  equal(c.piEmail, "dana.li@univ.example");
  equal(c.piName, "Dana Li");
  equal(c.projectId, "own-tag"); // the tag comes first
  equal(c.fundOrg, "CHEM-10423");
  equal(c.flags, null);
  deepEqual(JSON.parse(c.attribution!), {
    pi_email: "rule:data-team",
    pi_name: "rule:data-team",
    fund_org: "rule:rg-fund",
  });
});

Deno.test("finishCharge: precedence rules overrides tags; no match leaves the tags and flags", () => {
  const c = parse(
    { precedence: "rules", rules: RULES, aliases: {} },
    ["2026-05-01", "10", "123456", '{"Owner":"team-data","project_id":"own-tag"}', ""],
  );
  equal(c.projectId, "data-platform");
  equal(JSON.parse(c.attribution!).project_id, "rule:data-team");
  const miss = parse(
    { precedence: "rules", rules: RULES, aliases: {} },
    ["2026-05-01", "10", "999", '{"Owner":"team-data"}', ""],
  );
  equal(miss.piEmail, null);
  equal(miss.attribution, null);
  deepEqual(JSON.parse(miss.flags!), [
    "missing_pi_email",
    "missing_project_id",
    "missing_fund_org",
  ]);
});

Deno.test("finishCharge: an alias PI email becomes the directory's canonical email", () => {
  const c = parse(
    { precedence: "tags", rules: [], aliases: { "d.li@old.example": "dana.li@univ.example" } },
    ["2026-05-01", "10", "", '{"pi_email":"D.Li@old.example","project_id":"p","fund_org":"F"}', ""],
  );
  equal(c.piEmail, "dana.li@univ.example");
  deepEqual(JSON.parse(c.attribution!), { pi_alias: "d.li@old.example" });
});
