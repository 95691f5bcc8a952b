/**
 * The charge page shows what set each attribution field (a tag, a rule by
 * name, a person's reassignment) and near-miss tag hints; the statements
 * page shows the generate gate.
 */

import { equal, match } from "node:assert/strict";
import { compileRule } from "../src/domain/attribution_rules.ts";
import { fileFromBytes, ingestDelivery } from "../src/ingest/mod.ts";
import { approveCharges, assignCharges } from "../src/review/mod.ts";
import { listAttributionRules } from "../src/attribution/mod.ts";
import { send, sessionFor, webFixture } from "./web_harness.ts";
import { pageText } from "./web_pages_kit.ts";

const tags = (o: Record<string, string>) => `"${JSON.stringify(o).replaceAll('"', '""')}"`;
const CSV = [
  "BillingPeriodStart,BilledCost,BillingCurrency,SubAccountId,Tags",
  `2026-05-01,10.00,USD,123456,${tags({ Owner: "team-data", fund_org: "CS-1" })}`,
  `2026-05-01,2.50,USD,999,${tags({ Owner: "team-x", projcet: "oops" })}`,
  `2026-05-01,1.25,USD,777,`,
].join("\n") + "\n";

Deno.test("web charge page: set by tag, rule and person; near-miss hint", async () => {
  const rule = {
    name: "data-team",
    source: "",
    match: { "tag:Owner": "team-data" },
    set: { pi_email: "dana@uni.edu", project_id: "data" },
  };
  compileRule(rule, "config", "test"); // the rule is valid
  const f = await webFixture({
    tweak: (c) => void (c.attribution = { ...c.attribution, rules: [rule] }),
  });
  try {
    await ingestDelivery(f.ctx(), {
      files: [fileFromBytes("aws.csv", new TextEncoder().encode(CSV))],
      source: "aws",
    });
    const vic = sessionFor(f, "vic");
    const one = await pageText(await send(f, "GET", "/charges/1", { as: vic }));
    match(one, /PI email\s*dana@uni\.edu\s*set by rule data-team/);
    match(one, /Project\s*data\s*set by rule data-team/);
    match(one, /Fund\/org\s*CS-1\s*set by tag fund_org/);
    const two = await pageText(await send(f, "GET", "/charges/2", { as: vic }));
    match(two, /no project_id tag; the row has projcet — a typo\?/);
    assignCharges(f.ctx("web:rita"), {
      ids: [2],
      piEmail: "bob@uni.edu",
      projectId: "p-bob",
      fundOrg: "F-BOB",
      note: "Bob's lab",
    });
    const after = await pageText(await send(f, "GET", "/charges/2", { as: vic }));
    match(after, /PI email\s*bob@uni\.edu\s*set by reassigned by web:rita/);
    equal(/a typo\?/.test(after), false); // no longer flagged

    // the gate on the statements page: an approved charge with no PI is named with its fix
    approveCharges(f.ctx("web:rita"), { ids: [3] }, "ok");
    const rita = sessionFor(f, "rita");
    const page = await pageText(await send(f, "GET", "/statements?period=2026-05", { as: rita }));
    match(page, /Generate is refused/);
    match(page, /charge 3 \(aws\): no PI email, no fund\/org/);
    match(page, /openchargeback review assign --id 3 --pi EMAIL/);
  } finally {
    await f.close();
  }
});

Deno.test("web review queue: bulk assign with save-as-rule; flags recomputed; audited", async () => {
  const f = await webFixture();
  try {
    await ingestDelivery(f.ctx(), {
      files: [fileFromBytes("aws.csv", new TextEncoder().encode(CSV))],
      source: "aws",
    });
    const rita = sessionFor(f, "rita");
    const page = await pageText(await send(f, "GET", "/review?period=2026-05", { as: rita }));
    match(page, /Assign selected/);
    const res = await send(f, "POST", "/review/decide", {
      as: rita,
      form: {
        decision: "assign",
        id: "1",
        period: "2026-05",
        note: "data team is Dana's",
        assign_pi: "dana@uni.edu",
        assign_project: "data",
        assign_fund: "CS-1",
        save_rule: "1",
        rule_name: "team-data",
      },
      headers: { "HX-Request": "true" },
    });
    equal(res.status, 200);
    match(
      await pageText(res),
      /Assigned 1 charge: 1 no longer flagged, 0 still flagged; saved rule 'team-data'/,
    );
    const rules = listAttributionRules(f.ctx()).filter((r) => r.origin === "database");
    equal(rules.length, 1);
    equal(rules[0].match["tag:Owner"], "team-data");
    const audit = f.db.all<{ action: string }>("SELECT action FROM audit_log ORDER BY id")
      .map((r) => r.action);
    equal(audit.includes("review.assign"), true);
    equal(audit.includes("attribution.rule.add"), true);
  } finally {
    await f.close();
  }
});
