/**
 * /settings/funding: fund splits stored in the database through the web. A
 * 60/40 split of a project makes two GL debits adding up exactly to its
 * statement; a split totalling 99.99 % is refused with one line; the config's
 * splits are listed read-only and a stored split wins over them; expiry
 * dates flag charges; every change is audited.
 */

import { deepEqual, equal, match } from "node:assert/strict";
import { fileFromBytes, ingestDelivery } from "../src/ingest/mod.ts";
import { generateStatements } from "../src/statements/mod.ts";
import { buildJournal } from "../src/journal/mod.ts";
import { listPendingCharges } from "../src/review/mod.ts";
import { send, sessionFor, type WebFixture, webFixture } from "./web_harness.ts";
import { pageText } from "./web_pages_kit.ts";
import { pdfText } from "./pdf_text.ts";

const tags = (o: Record<string, string>) => `"${JSON.stringify(o).replaceAll('"', '""')}"`;
const cat = tags({ pi_email: "cat@uni.edu", project_id: "catalysis-ml" });
const CSV = [
  "BillingPeriodStart,BilledCost,BillingCurrency,Tags",
  `2026-05-01,10.005,USD,${cat}`,
  `2026-05-01,3.333333,USD,${cat}`,
  `2026-05-01,0.01,USD,${cat}`,
  `2026-05-01,2.00,USD,${tags({ pi_email: "o@uni.edu", project_id: "old", fund_org: "OLD-1" })}`,
].join("\n") + "\n";

function fixture() {
  return webFixture({
    tweak: (c) => {
      c.imports.known_sources = c.imports.known_sources.map((k) =>
        k.name === "AWS" ? { ...k, fund_org: "RC-900", account_code: "4500" } : k
      );
      // a config split of the same project, which the database's split overrides
      c.funding.splits = [{
        project_id: "catalysis-ml",
        from: "2026-01",
        funds: [{ fund_org: "CFG-1", percent: "50" }, { fund_org: "CFG-2", percent: "50" }],
      }];
    },
  });
}

const split = (percents: [string, string]) => ({
  project_id: "catalysis-ml",
  from: "2026-05",
  until: "",
  fund_0: "CHEM-10423",
  percent_0: percents[0],
  fund_1: "CHEM-10588",
  percent_1: percents[1],
  fund_2: "",
  percent_2: "",
});

const actions = (f: WebFixture) =>
  f.db.all<{ action: string; details: string }>(
    "SELECT action, details FROM audit_log WHERE action LIKE 'funding.%' ORDER BY id",
  );

Deno.test("web funding: a 60/40 split stored on the web makes two GL debits adding up to the statement", async () => {
  const f = await fixture();
  try {
    const admin = sessionFor(f, "admin");
    // 60 + 39.99 = 99.99 %: refused with one line naming the funds, nothing stored
    let res = await send(f, "POST", "/settings/funding", {
      as: admin,
      form: split(["60", "39.99"]),
    });
    equal(res.status, 400);
    match(await pageText(res), /funds: fund split: the percents total 99\.99, not 100\.00\./);
    equal(actions(f).length, 0);

    res = await send(f, "POST", "/settings/funding", { as: admin, form: split(["60", "40"]) });
    equal(res.status, 303);
    equal(res.headers.get("location"), "/settings/funding?m=added");
    const page = await pageText(await send(f, "GET", "/settings/funding", { as: admin }));
    match(
      page,
      /catalysis-ml 2026-01 no end 50\.00 % → CFG-1 50\.00 % → CFG-2 100\.00 % from the config/,
    );
    match(
      page,
      /catalysis-ml 2026-05 no end 60\.00 % → CHEM-10423 40\.00 % → CHEM-10588 100\.00 % database/,
    );

    await ingestDelivery(f.ctx(), {
      files: [fileFromBytes("aws.csv", new TextEncoder().encode(CSV))],
      source: "aws",
    });
    const gen = await generateStatements(f.ctx(), { period: "2026-05" });
    const st = gen.statements.find((s) => s.project === "catalysis-ml")!;
    equal(st.billedCost, "13.35"); // exact 13.348333 rounded once
    // the statement shows the database's split, not the config's 50/50
    const pdf = (await pdfText(st.pdf!)).replace(/\s+/g, " ");
    match(pdf, /60\.00 % → CHEM-10423/);
    match(pdf, /40\.00 % → CHEM-10588/);
    equal(pdf.includes("CFG-1"), false);
    const gl = await buildJournal(f.ctx(), { period: "2026-05", format: "gl", output: "-" });
    const [head, ...rows] = gl.content.trim().split("\n").map((l) => l.split(","));
    const col = (name: string) => head.indexOf(name);
    const lines = rows.filter((l) => /^(CHEM|CFG)/.test(l[col("Fund/Org")]));
    // 60 % of 13.35 = 8.01, 40 % = 5.34 (largest remainder): the database's split, not 50/50
    deepEqual(lines.map((l) => [l[col("Type")], l[col("Fund/Org")], l[col("Debit")]]), [
      ["Debit", "CHEM-10423", "8.01"],
      ["Debit", "CHEM-10588", "5.34"],
    ]);
    const debit = (l: string[]) => l[col("Debit")];
    const cents = (t: string) => BigInt(t.replace(".", ""));
    equal(cents(debit(lines[0])) + cents(debit(lines[1])), cents(st.billedCost!));

    const audit = actions(f);
    deepEqual(audit.map((a) => a.action), ["funding.split.add"]);
    deepEqual(JSON.parse(audit[0].details).funds, [
      { fundOrg: "CHEM-10423", percent: "60.00" },
      { fundOrg: "CHEM-10588", percent: "40.00" },
    ]);
  } finally {
    await f.close();
  }
});

Deno.test("web funding: edit and delete a stored split, fund expiry flags a charge; audited; admin only", async () => {
  const f = await fixture();
  try {
    const admin = sessionFor(f, "admin");
    await send(f, "POST", "/settings/funding", { as: admin, form: split(["60", "40"]) });
    const id = f.db.get<{ id: number }>("SELECT id FROM fund_splits")!.id;
    // the edit form is filled with the stored split
    const form = await (await send(f, "GET", `/settings/funding?edit=${id}`, { as: admin })).text();
    match(form, new RegExp(`action="/settings/funding/${id}"`));
    match(form, /name="percent_0" value="60.00"/);
    let res = await send(f, "POST", `/settings/funding/${id}`, {
      as: admin,
      form: { ...split(["33.34", "66.66"]), until: "2026-06" },
    });
    equal(res.status, 303);
    // a second split of the project covering 2026-06 is refused
    res = await send(f, "POST", "/settings/funding", {
      as: admin,
      form: { ...split(["50", "50"]), from: "2026-06" },
    });
    equal(res.status, 400);
    match(await pageText(res), /already has a split from 2026-05 until 2026-06/);
    // a reviewer sees the page read-only and may not post
    const rita = sessionFor(f, "rita");
    const ro = await (await send(f, "GET", "/settings/funding", { as: rita })).text();
    equal(ro.includes('method="post" action="/settings/funding"'), false);
    res = await send(f, "POST", `/settings/funding/${id}/delete`, { as: rita });
    equal(res.status, 403);

    res = await send(f, "POST", "/settings/funding/expiry", {
      as: admin,
      form: { fund_org: "OLD-1", expires: "2026-04-30" },
    });
    equal(res.status, 303);
    res = await send(f, "POST", "/settings/funding/expiry", {
      as: admin,
      form: { fund_org: "OLD-1", expires: "30/04/2026" },
    });
    equal(res.status, 400);
    match(await pageText(res), /expires: fund expiry: '30\/04\/2026' is not a date\./);
    await ingestDelivery(f.ctx(), {
      files: [fileFromBytes("aws.csv", new TextEncoder().encode(CSV))],
      source: "aws",
    });
    const held = listPendingCharges(f.ctx(), { period: "2026-05" });
    deepEqual(held.map((c) => [c.id, c.reasons]), [[4, ["expired_fund"]]]);

    res = await send(f, "POST", `/settings/funding/${id}/delete`, { as: admin });
    equal(res.status, 303);
    equal(f.db.get<{ n: number }>("SELECT count(*) AS n FROM fund_split_shares")!.n, 0);
    deepEqual(actions(f).map((a) => a.action), [
      "funding.split.add",
      "funding.split.change",
      "funding.expiry.set",
      "funding.split.delete",
    ]);
    const change = JSON.parse(actions(f)[1].details);
    equal(change.before.funds[0].percent, "60.00");
    equal(change.after.funds[0].percent, "33.34");
    equal(change.after.until, "2026-06");
  } finally {
    await f.close();
  }
});

Deno.test("web funding: a stored split alone funds a project without a fund tag: not flagged, billed", async () => {
  const f = await webFixture();
  try {
    const admin = sessionFor(f, "admin");
    const res = await send(f, "POST", "/settings/funding", {
      as: admin,
      form: { ...split(["75", "25"]), project_id: "solo" },
    });
    equal(res.status, 303);
    const solo = tags({ pi_email: "sol@uni.edu", project_id: "solo" });
    const other = tags({ pi_email: "sol@uni.edu", project_id: "other" });
    await ingestDelivery(f.ctx(), {
      files: [fileFromBytes(
        "aws.csv",
        new TextEncoder().encode(
          `BillingPeriodStart,BilledCost,BillingCurrency,Tags\n2026-05-01,7.00,USD,${solo}\n2026-05-01,1.00,USD,${other}\n`,
        ),
      )],
      source: "aws",
    });
    // only the project without a split (and without a fund tag) is held
    const held = listPendingCharges(f.ctx(), { period: "2026-05" });
    deepEqual(held.map((c) => [c.projectId, c.reasons]), [["other", ["missing_fund_org"]]]);
    const gen = await generateStatements(f.ctx(), { period: "2026-05", allowPending: true });
    deepEqual(gen.statements.map((s) => [s.project, s.billedCost]), [["solo", "7.00"]]);
  } finally {
    await f.close();
  }
});
