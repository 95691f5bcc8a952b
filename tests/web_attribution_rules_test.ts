/**
 * /settings/attribution through app.request(): the config's rules listed
 * read-only, database rules added, edited, moved and deleted by an admin
 * (each change audited), the precedence stated, the live tester's counts and
 * totals over a seeded period, and a bad regex refused with one line naming
 * the field.
 */

import { deepEqual, equal, match } from "node:assert/strict";
import { fileFromBytes, ingestDelivery } from "../src/ingest/mod.ts";
import { send, sessionFor, type WebFixture, webFixture } from "./web_harness.ts";
import { pageText } from "./web_pages_kit.ts";

const tags = (o: Record<string, string>) => `"${JSON.stringify(o).replaceAll('"', '""')}"`;
// three charges of 2026-05: 10.00 + 2.50 + 1.25 = 13.75 USD
const CSV = [
  "BillingPeriodStart,BilledCost,BillingCurrency,SubAccountId,x_Team,Tags",
  `2026-05-01,10.00,USD,123456,alpha,${tags({ Owner: "team-data", fund_org: "CS-1" })}`,
  `2026-05-01,2.50,USD,999,beta,${tags({ Owner: "team-x" })}`,
  `2026-05-01,1.25,USD,777,,`,
].join("\n") + "\n";

async function fixture(): Promise<WebFixture> {
  const f = await webFixture({
    tweak: (c) =>
      void (c.attribution = {
        ...c.attribution,
        rules: [{
          name: "cfg-data",
          source: "",
          match: { "tag:Owner": "team-data" },
          set: { pi_email: "dana@uni.edu" },
        }],
      }),
  });
  await ingestDelivery(f.ctx(), {
    files: [fileFromBytes("aws.csv", new TextEncoder().encode(CSV))],
    source: "aws",
  });
  return f;
}

const rule = (name: string, key: string, value: string, set: Record<string, string>) => ({
  name,
  source: "",
  key_0: key,
  value_0: value,
  key_1: "",
  value_1: "",
  key_2: "",
  value_2: "",
  pi_email: "",
  pi_name: "",
  project_id: "",
  fund_org: "",
  ...set,
});

const audit = (f: WebFixture) =>
  f.db.all<{ action: string; details: string }>(
    "SELECT action, details FROM audit_log WHERE action LIKE 'attribution.rule.%' ORDER BY id",
  );
const storedOrder = (f: WebFixture) =>
  f.db.all<{ name: string }>("SELECT name FROM attribution_rules ORDER BY position, id")
    .map((r) => r.name);

Deno.test("web attribution rules: add, edit, move, delete; audited; tester counts and totals", async () => {
  const f = await fixture();
  try {
    const admin = sessionFor(f, "admin");
    const post = (path: string, form: Record<string, string>) =>
      send(f, "POST", path, { as: admin, form });
    let res = await post(
      "/settings/attribution",
      rule("teams", "tag:Owner", "/^team-/", {
        fund_org: "TEAMS",
      }),
    );
    equal(res.status, 303);
    equal(res.headers.get("location"), "/settings/attribution?m=added");
    res = await post(
      "/settings/attribution",
      rule("sub-7", "SubAccountId", "/^7/", {
        pi_email: "seven@uni.edu",
      }),
    );
    equal(res.status, 303);
    deepEqual(storedOrder(f), ["teams", "sub-7"]);

    const page = await pageText(
      await send(f, "GET", "/settings/attribution?period=2026-05", { as: admin }),
    );
    match(page, /Precedence \(config attribution\.precedence: tags \): tags come first/);
    match(page, /In 2026-05: 3 charges, 0 matched by no rule\./);
    // # name source match sets where | matches, first match, billed
    match(
      page,
      /1 cfg-data every source tag:Owner = team-data pi_email = dana@uni\.edu from the config 1 1 \$10\.00/,
    );
    match(
      page,
      /2 teams every source tag:Owner = \/\^team-\/ fund_org = TEAMS database 2 1 \$12\.50/,
    );
    match(
      page,
      /3 sub-7 every source SubAccountId = \/\^7\/ pi_email = seven@uni\.edu database 1 1 \$1\.25/,
    );

    // the live tester of a draft: SubAccountId /^(123|999)/ matches charges 1 and 2
    const frag = await pageText(
      await send(
        f,
        "GET",
        "/settings/attribution/test?period=2026-05&name=x&key_0=SubAccountId&value_0=" +
          encodeURIComponent("/^(123|999)/"),
        { as: admin },
      ),
    );
    match(
      frag,
      /This rule matches 2 of 3 charges in 2026-05, billed \$12\.50; it would be the first rule to match 0 \(2 match an earlier rule\)/,
    );

    // a column kept with the charge's extra columns (x_Team), and a tag and a column together
    const draft = async (q: string) =>
      await pageText(
        await send(f, "GET", `/settings/attribution/test?period=2026-05&${q}`, { as: admin }),
      );
    match(
      await draft(`key_0=x_Team&value_0=${encodeURIComponent("/^(alpha|beta)$/")}`),
      /This rule matches 2 of 3 charges in 2026-05, billed \$12\.50;/,
    );
    match(
      await draft("key_0=x_Team&value_0=beta&key_1=tag:Owner&value_1=team-x"),
      /This rule matches 1 of 3 charges in 2026-05, billed \$2\.50; .* Charges: #2/,
    );
    match(
      await draft("key_0=tag:Owner&value_0=nobody"),
      /This rule matches no charge of the 3 in 2026-05\./,
    );

    // edit sub-7: match 777 exactly, set the project too
    const ids = f.db.all<{ id: number; name: string }>("SELECT id, name FROM attribution_rules");
    const id = (n: string) => ids.find((r) => r.name === n)!.id;
    const edit = await (await send(f, "GET", `/settings/attribution?edit=${id("sub-7")}`, {
      as: admin,
    })).text();
    match(edit, /name="value_0" value="\/\^7\/"/);
    res = await post(
      `/settings/attribution/${id("sub-7")}`,
      rule("sub-7", "SubAccountId", "777", {
        pi_email: "seven@uni.edu",
        project_id: "p7",
      }),
    );
    equal(res.status, 303);

    // move sub-7 up: it is evaluated before teams; the first database rule cannot go up
    res = await post(`/settings/attribution/${id("sub-7")}/move`, { direction: "up" });
    equal(res.status, 303);
    deepEqual(storedOrder(f), ["sub-7", "teams"]);
    res = await post(`/settings/attribution/${id("sub-7")}/move`, { direction: "up" });
    equal(res.status, 400);
    match(await pageText(res), /rule 'sub-7' is already the first database rule\./);
    res = await post(`/settings/attribution/${id("teams")}/delete`, {});
    equal(res.status, 303);
    deepEqual(storedOrder(f), ["sub-7"]);

    const entries = audit(f);
    deepEqual(entries.map((e) => e.action), [
      "attribution.rule.add",
      "attribution.rule.add",
      "attribution.rule.change",
      "attribution.rule.move",
      "attribution.rule.delete",
    ]);
    const change = JSON.parse(entries[2].details);
    deepEqual(change.before.match, { SubAccountId: "/^7/" });
    deepEqual(change.after.match, { SubAccountId: "777" });
    equal(change.after.set.project_id, "p7");
    const move = JSON.parse(entries[3].details);
    deepEqual([move.before, move.after], [["teams", "sub-7"], ["sub-7", "teams"]]);
    equal(JSON.parse(entries[4].details).name, "teams");
  } finally {
    await f.close();
  }
});

Deno.test("web attribution rules: a bad regex is refused with one line naming the field; config rules read-only; admin only", async () => {
  const f = await fixture();
  try {
    const admin = sessionFor(f, "admin");
    let res = await send(f, "POST", "/settings/attribution", {
      as: admin,
      form: rule("bad", "tag:Owner", "/(team/", { pi_email: "x@uni.edu" }),
    });
    equal(res.status, 400);
    const text = await pageText(res);
    match(text, /key rule 'bad'\.match\.tag:Owner: invalid regular expression '\/\(team\/'/);
    match(text, /name="value_0"|Value 1/); // the form is shown again with the draft
    equal(audit(f).length, 0);
    equal(storedOrder(f).length, 0);
    // the tester says the same, in its fragment
    const frag = await pageText(
      await send(
        f,
        "GET",
        "/settings/attribution/test?period=2026-05&key_0=tag:Owner&value_0=/(/",
        {
          as: admin,
        },
      ),
    );
    match(frag, /key rule 'draft'\.match\.tag:Owner: invalid regular expression '\/\(\/'/);

    // a config rule's name is taken; config rules have no edit form
    res = await send(f, "POST", "/settings/attribution", {
      as: admin,
      form: rule("CFG-data", "tag:Owner", "x", { pi_email: "x@uni.edu" }),
    });
    equal(res.status, 400);
    match(await pageText(res), /a config rule is already named 'CFG-data'/);

    // a reviewer reads the rules (no forms, no tester) and may not change them
    const rita = sessionFor(f, "rita");
    const html = await (await send(f, "GET", "/settings/attribution?period=2026-05", { as: rita }))
      .text();
    match(html, /from the config/);
    equal(html.includes('method="post" action="/settings/attribution'), false);
    equal(html.includes("First match"), false);
    res = await send(f, "POST", "/settings/attribution", {
      as: rita,
      form: rule("r", "tag:Owner", "x", { pi_email: "x@uni.edu" }),
    });
    equal(res.status, 403);
    res = await send(f, "GET", "/settings/attribution/test?period=2026-05&key_0=a&value_0=b", {
      as: rita,
    });
    equal(res.status, 403);
  } finally {
    await f.close();
  }
});
