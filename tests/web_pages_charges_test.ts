/**
 * The charges browser, its CSV export, the charge detail, projects and PIs on
 * real data (tests/fixtures/month/aws_2025-01.csv imported by the real CLI):
 * exact counts and totals, sorting, filters, and the PI scope (a PI never sees
 * another's charge).
 *
 * Figures of that file (8 rows, decimal sums): billed 3,995.00, list 4,700.00;
 * ada.quill@northfield.edu (the fixture's PI user pat) has 3 rows of
 * protein-folding, billed 850.00 + 510.00 + 170.00 = 1,530.00, list 1,800.00;
 * cora.lindqvist@northfield.edu has language-models, 255 + 1,700 + 68 = 2,023.00.
 * The dearest rows: 1,700.00, 850.00, 510.00.
 */

import { deepEqual, equal, match, ok } from "node:assert/strict";
import Papa from "papaparse";
import { send, sessionFor, webFixture } from "./web_harness.ts";
import { ingestMonth, pageText } from "./web_pages_kit.ts";

Deno.test("web charges: filters, totals, server-side sort and pages", async () => {
  const f = await webFixture();
  try {
    await ingestMonth(f, "aws_2025-01.csv", "aws");
    const vic = sessionFor(f, "vic");
    const all = await pageText(await send(f, "GET", "/charges?period=2025-01", { as: vic }));
    match(all, /8 charges · billed \$3,995\.00/);
    match(all, /1–8 of 8 · page 1 of 1/);
    const ada = await send(f, "GET", "/charges?period=2025-01&pi=Ada.Quill@Northfield.edu", {
      as: vic,
    });
    match(await pageText(ada), /3 charges · billed \$1,530\.00/);
    // sorted by cost, most expensive first
    const html = await (await send(f, "GET", "/charges?period=2025-01&sort=-cost", { as: vic }))
      .text();
    const costs = [...html.matchAll(/<td class="num">(\$[\d,.]+)<\/td><td class="num col-opt">/g)]
      .map((m) => m[1]);
    deepEqual(costs.slice(0, 3), ["$1,700.00", "$850.00", "$510.00"]);
    const asc = await (await send(f, "GET", "/charges?period=2025-01&sort=cost", { as: vic }))
      .text();
    const first = /<td class="num">(\$[\d,.]+)<\/td>/.exec(asc)?.[1];
    ok(first && first !== "$1,700.00");
    // "PROTEIN" finds protein-fold-01/-02 (EC2) and protein-scratch (EBS); the service keeps 2.
    const search = await pageText(
      await send(f, "GET", "/charges?period=2025-01&q=PROTEIN&service=Amazon%20EC2", { as: vic }),
    );
    match(search, /2 charges · billed \$1,360\.00/);
    const unknown = await pageText(
      await send(f, "GET", "/charges?period=2025-01&source=nope", { as: vic }),
    );
    match(unknown, /there is no source 'nope'/);
  } finally {
    await f.close();
  }
});

Deno.test("web charges: the CSV export is exactly the filtered set", async () => {
  const f = await webFixture();
  try {
    await ingestMonth(f, "aws_2025-01.csv", "aws");
    const res = await send(
      f,
      "GET",
      "/charges/export.csv?period=2025-01&pi=ada.quill@northfield.edu&sort=-cost",
      { as: sessionFor(f, "rita") },
    );
    equal(res.status, 200);
    match(
      res.headers.get("content-disposition") ?? "",
      /attachment; filename="charges_2025-01.csv"/,
    );
    const rows = Papa.parse<Record<string, string>>(await res.text(), { header: true }).data
      .filter((r) => r.id);
    equal(rows.length, 3);
    const cents = rows.reduce((t, r) => t + Math.round(Number(r.billed_cost) * 100), 0);
    equal(cents, 153000);
    equal(rows[0].billed_cost, "850.00");
    ok(rows.every((r) => r.pi_email === "ada.quill@northfield.edu" && r.source === "aws"));
    // the whole period: 8 rows, billed 3,995.00
    const whole = await (await send(f, "GET", "/charges/export.csv?period=2025-01", {
      as: sessionFor(f, "vic"),
    })).text();
    const all = Papa.parse<Record<string, string>>(whole, { header: true }).data.filter((r) =>
      r.id
    );
    equal(all.length, 8);
    equal(all.reduce((t, r) => t + Math.round(Number(r.billed_cost) * 100), 0), 399500);
  } finally {
    await f.close();
  }
});

Deno.test("web charges: a PI sees only their own charges, detail and export", async () => {
  const f = await webFixture();
  try {
    await ingestMonth(f, "aws_2025-01.csv", "aws");
    const pat = sessionFor(f, "pat");
    const list = await pageText(
      await send(f, "GET", "/charges?period=2025-01&pi=cora.lindqvist@northfield.edu", {
        as: pat,
      }),
    );
    match(list, /3 charges · billed \$1,530\.00/);
    equal(list.includes("cora.lindqvist"), false);
    const csv = await (await send(f, "GET", "/charges/export.csv?period=2025-01", { as: pat }))
      .text();
    equal(csv.trim().split("\n").length, 4);
    const other = f.db.get<{ id: number }>(
      "SELECT id FROM charges WHERE pi_email = 'cora.lindqvist@northfield.edu' LIMIT 1",
    )!.id;
    const own = f.db.get<{ id: number }>(
      "SELECT id FROM charges WHERE pi_email = 'ada.quill@northfield.edu' ORDER BY id LIMIT 1",
    )!.id;
    equal((await send(f, "GET", `/charges/${other}`, { as: pat })).status, 404);
    const detail = await pageText(await send(f, "GET", `/charges/${own}`, { as: pat }));
    for (
      const s of [
        `Charge ${own}`,
        "protein-folding",
        "CHEM-2025-001",
        "$850.00",
        "grant_number NSF-CHE-2025-0001",
      ]
    ) ok(detail.includes(s), `detail lacks "${s}"`);
    // a PI is shown no file name, line or fingerprint (issue 19); staff are
    equal(detail.includes("aws_2025-01.csv"), false);
    equal(detail.includes("Fingerprint"), false);
    // staff see the import link; the PI does not
    equal(detail.includes("/imports/"), false);
    match(
      await (await send(f, "GET", `/charges/${own}`, { as: sessionFor(f, "vic") })).text(),
      /href="\/imports\/1"/,
    );
  } finally {
    await f.close();
  }
});

Deno.test("web projects and PIs: totals, detail with trend and services, PI scope", async () => {
  const f = await webFixture();
  try {
    await ingestMonth(f, "aws_2025-01.csv", "aws");
    const vic = sessionFor(f, "vic");
    const projects = await pageText(await send(f, "GET", "/projects?period=2025-01", { as: vic }));
    match(projects, /language-models .* \$2,023\.00/);
    const pis = await pageText(await send(f, "GET", "/pis?period=2025-01", { as: vic }));
    match(pis, /ada\.quill@northfield\.edu .* 3 0 \$1,530\.00 \$1,800\.00/);
    const pi = await pageText(
      await send(f, "GET", "/pis/ada.quill%40northfield.edu?period=2025-01", { as: vic }),
    );
    match(pi, /Billed per month \(USD\)/);
    match(pi, /protein-folding/);
    match(pi, /Amazon EC2/);
    const pat = sessionFor(f, "pat");
    const mine = await pageText(await send(f, "GET", "/projects?period=2025-01", { as: pat }));
    equal(mine.includes("language-models"), false);
    equal(
      (await send(f, "GET", "/projects/language-models?period=2025-01", { as: pat })).status,
      404,
    );
    equal(
      (await send(f, "GET", "/projects/protein-folding?period=2025-01", { as: pat })).status,
      200,
    );
  } finally {
    await f.close();
  }
});
