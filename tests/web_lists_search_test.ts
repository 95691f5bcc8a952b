/**
 * Search, sort, CSV export and totals of the list pages (charges, review,
 * projects, PIs, statements) on charges this test writes itself: filters match
 * substrings in any case ("CHEM", "jose"), "=value" matches exactly, and the
 * figures (counts, totals to the cent, "N of M sent") are asserted.
 */

import { deepEqual, equal, match } from "node:assert/strict";
import Papa from "papaparse";
import { generateStatements } from "../src/statements/mod.ts";
import { type SeedCharge, seedCharges } from "./seed_charges.ts";
import { send, sessionFor, type WebFixture, webFixture } from "./web_harness.ts";
import { pageText } from "./web_pages_kit.ts";

const P = "2025-03";
const CHARGES: SeedCharge[] = [
  {
    source: "aws",
    period: P,
    pi: "jose.garcia@uni.edu",
    project: "chem-synthesis",
    fundOrg: "CHEM-2024",
    service: "Amazon EC2",
    billed: "100.00",
    list: "110.00",
  },
  {
    source: "aws",
    period: P,
    pi: "jose.garcia@uni.edu",
    project: "chem-extra",
    fundOrg: "CHEM-2024",
    service: "Amazon S3",
    billed: "20.50",
    list: "20.50",
  },
  {
    source: "aws",
    period: P,
    pi: "maria.jose@uni.edu",
    project: "bio-cells",
    fundOrg: "BIO-7",
    service: "Amazon EC2",
    billed: "300.00",
    list: "300.00",
  },
  {
    source: "hpc",
    period: P,
    pi: "ann@uni.edu",
    project: "physics",
    fundOrg: "PHYS-1",
    service: "Compute",
    billed: "45.25",
    list: "45.25",
    status: "pending",
    flags: ["pattern:gpu"],
  },
  {
    source: "hpc",
    period: P,
    pi: "bob@uni.edu",
    project: "chem-lab",
    fundOrg: "chem-old",
    service: "Compute",
    billed: "10.00",
    list: "12.00",
  },
];

async function text(f: WebFixture, path: string, as = "vic"): Promise<string> {
  const res = await send(f, "GET", path, { as: sessionFor(f, as) });
  equal(res.status, 200, path);
  return pageText(res);
}

async function csv(f: WebFixture, path: string): Promise<Record<string, string>[]> {
  const res = await send(f, "GET", path, { as: sessionFor(f, "vic") });
  equal(res.status, 200, path);
  match(res.headers.get("content-type") ?? "", /^text\/csv/);
  return Papa.parse<Record<string, string>>(await res.text(), { header: true }).data
    .filter((r) => Object.values(r).some((v) => v !== ""));
}

Deno.test("web lists: charge and review filters match substrings in any case", async () => {
  const f = await webFixture();
  try {
    seedCharges(f.db, CHARGES);
    // today's code matched exactly: Fund "CHEM" and PI "jose" found nothing
    match(await text(f, `/charges?period=${P}&fund=CHEM`), /3 charges · billed \$130\.50/);
    match(await text(f, `/charges?period=${P}&pi=jose`), /3 charges · billed \$420\.50/);
    match(
      await text(f, `/charges?period=${P}&pi=JOSE&project=chem`),
      /2 charges · billed \$120\.50/,
    );
    match(await text(f, `/charges?period=${P}&service=ec2`), /2 charges · billed \$400\.00/);
    // "=value" is the exact value only
    match(
      await text(f, `/charges?period=${P}&pi=%3Djose.garcia@uni.edu`),
      /2 charges · billed \$120\.50/,
    );
    match(await text(f, `/charges?period=${P}&project=%3Dchem`), /0 charges/);
    // a substring no stored value has reads no charge; one matching PI is read by equality
    match(await text(f, `/charges?period=${P}&pi=nobody`), /0 charges/);
    const garcia = await text(f, `/charges?period=${P}&pi=garcia&sort=-cost`);
    match(garcia, /2 charges · billed \$120\.50/);
    match(garcia, /\$100\.00[\s\S]*\$20\.50/); // most expensive first
    match(await text(f, `/charges?period=${P}&pi=garcia&sort=cost`), /\$20\.50[\s\S]*\$100\.00/);
    const rows = await csv(f, `/charges/export.csv?period=${P}&fund=chem`);
    deepEqual(rows.map((r) => r.fund_org).sort(), ["CHEM-2024", "CHEM-2024", "chem-old"]);
    // the review queue's PI filter too
    match(await text(f, `/review?period=${P}&pi=ANN`), /Awaiting review 1 /);
    match(await text(f, `/review?period=${P}&pi=jose`), /Awaiting review 0 /);
  } finally {
    await f.close();
  }
});

Deno.test("web lists: projects and PIs search, PI filter, sort, totals row and CSV", async () => {
  const f = await webFixture();
  try {
    seedCharges(f.db, CHARGES);
    const all = await text(f, `/projects?period=${P}`);
    // the totals row: 5 projects, 4 billable charges and 1 awaiting review, billed 430.50
    match(all, /Total · 5 projects USD 4 1 \$430\.50 \$442\.50/);
    const chem = await text(f, `/projects?period=${P}&q=CHEM`);
    match(chem, /Total · 3 projects USD 3 0 \$130\.50/);
    const maria = await text(f, `/projects?period=${P}&pi=Maria`);
    match(maria, /bio-cells/);
    match(maria, /Total · 1 project USD 1 0 \$300\.00/);
    // sorted by name: bio-cells, chem-extra, chem-lab, chem-synthesis, physics
    const html = await (await send(f, "GET", `/projects?period=${P}&sort=key`, {
      as: sessionFor(f, "vic"),
    })).text();
    deepEqual(
      [...html.matchAll(/<a href="\/projects\/([^"?]+)\?/g)].map((m) => m[1]),
      ["bio-cells", "chem-extra", "chem-lab", "chem-synthesis", "physics"],
    );
    const rows = await csv(f, `/projects/export.csv?period=${P}&q=chem`);
    deepEqual(rows.map((r) => [r.project_id, r.billed_cost]), [
      ["chem-synthesis", "100.00"],
      ["chem-extra", "20.50"],
      ["chem-lab", "10.00"],
      ["total", "130.50"],
    ]);
    const pis = await text(f, `/pis?period=${P}&q=jose`);
    match(pis, /Total · 2 PIs USD 3 0 \$420\.50/);
    const piRows = await csv(f, `/pis/export.csv?period=${P}&sort=key`);
    deepEqual(piRows.map((r) => r.pi_email), [
      "ann@uni.edu",
      "bob@uni.edu",
      "jose.garcia@uni.edu",
      "maria.jose@uni.edu",
      "total",
    ]);
  } finally {
    await f.close();
  }
});

Deno.test("web lists: statements grouped per PI with N of M sent, search, sort, totals, CSV", async () => {
  const f = await webFixture();
  try {
    seedCharges(f.db, CHARGES);
    await generateStatements(f.ctx("test"), { period: P, allowPending: true });
    f.db.run(
      "UPDATE statements SET sent_at = '2025-04-01T10:00:00Z' WHERE project_id = 'chem-synthesis'",
    );
    const page = await text(f, `/statements?period=${P}`);
    match(page, /jose\.garcia@uni\.edu · 1 of 2 sent · \$120\.50/);
    match(page, /maria\.jose@uni\.edu · 0 of 1 sent · \$300\.00/);
    // ann's only charge awaits review: no statement for her
    match(page, /Total · 3 PIs · 1 of 4 sent \$430\.50/);
    const found = await text(f, `/statements?period=${P}&q=CHEM`);
    match(found, /Total · 2 PIs · 1 of 3 sent \$130\.50/);
    const html = await (await send(f, "GET", `/statements?period=${P}&sort=-amount`, {
      as: sessionFor(f, "vic"),
    })).text();
    deepEqual(
      [...html.matchAll(/<span class="trunc wide" title="([^"]+)"/g)].map((m) => m[1]),
      ["maria.jose@uni.edu", "jose.garcia@uni.edu", "bob@uni.edu"],
    );
    const rows = await csv(f, `/statements/export.csv?period=${P}&q=jose`);
    deepEqual(rows.map((r) => [r.pi_email, r.project_id, r.billed_cost, r.sent_at !== ""]), [
      ["jose.garcia@uni.edu", "chem-extra", "20.50", false],
      ["jose.garcia@uni.edu", "chem-synthesis", "100.00", true],
      ["maria.jose@uni.edu", "bio-cells", "300.00", false],
      ["", "", "420.50", false],
    ]);
    equal(rows[3].number, "total");
  } finally {
    await f.close();
  }
});
