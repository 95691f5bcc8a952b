/**
 * The charges browser, its CSV export, the charge detail, projects and PIs on
 * real data (aws_2025-01.csv imported by the real CLI): exact counts and
 * totals, sorting, filters, and the PI scope (a PI never sees another's charge).
 */

import { deepEqual, equal, match, ok } from "node:assert/strict";
import Papa from "papaparse";
import { send, sessionFor, webFixture } from "./web_harness.ts";
import { ingest04, pageText } from "./web_pages_kit.ts";

Deno.test("web charges: filters, totals, server-side sort and pages", async () => {
  const f = await webFixture();
  try {
    await ingest04(f, "aws_2025-01.csv", "aws");
    const vic = sessionFor(f, "vic");
    const all = await pageText(await send(f, "GET", "/charges?period=2025-01", { as: vic }));
    match(all, /25 charges · billed \$19,086\.75/);
    match(all, /1–25 of 25 · page 1 of 1/);
    const zorp = await send(f, "GET", "/charges?period=2025-01&pi=Zorp.Blinkman@example.edu", {
      as: vic,
    });
    match(await pageText(zorp), /7 charges · billed \$6,460\.00/);
    // sorted by cost, most expensive first
    const html = await (await send(f, "GET", "/charges?period=2025-01&sort=-cost", { as: vic }))
      .text();
    const costs = [...html.matchAll(/<td class="num">(\$[\d,.]+)<\/td><td class="num col-opt">/g)]
      .map((m) => m[1]);
    deepEqual(costs.slice(0, 3), ["$2,975.00", "$2,040.00", "$2,040.00"]);
    const asc = await (await send(f, "GET", "/charges?period=2025-01&sort=cost", { as: vic }))
      .text();
    const first = /<td class="num">(\$[\d,.]+)<\/td>/.exec(asc)?.[1];
    ok(first && first !== "$2,975.00");
    const search = await pageText(
      await send(f, "GET", "/charges?period=2025-01&q=GPU&service=Amazon%20EC2", { as: vic }),
    );
    match(search, /3 charges · billed \$5,015\.00/);
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
    await ingest04(f, "aws_2025-01.csv", "aws");
    const res = await send(
      f,
      "GET",
      "/charges/export.csv?period=2025-01&pi=zorp.blinkman@example.edu&sort=-cost",
      { as: sessionFor(f, "rita") },
    );
    equal(res.status, 200);
    match(
      res.headers.get("content-disposition") ?? "",
      /attachment; filename="charges_2025-01.csv"/,
    );
    const rows = Papa.parse<Record<string, string>>(await res.text(), { header: true }).data
      .filter((r) => r.id);
    equal(rows.length, 7);
    const cents = rows.reduce((t, r) => t + Math.round(Number(r.billed_cost) * 100), 0);
    equal(cents, 646000);
    equal(rows[0].billed_cost, "2040.00");
    ok(rows.every((r) => r.pi_email === "zorp.blinkman@example.edu" && r.source === "aws"));
    // the whole period: 25 rows, billed 19,086.75
    const whole = await (await send(f, "GET", "/charges/export.csv?period=2025-01", {
      as: sessionFor(f, "vic"),
    })).text();
    const all = Papa.parse<Record<string, string>>(whole, { header: true }).data.filter((r) =>
      r.id
    );
    equal(all.length, 25);
    equal(all.reduce((t, r) => t + Math.round(Number(r.billed_cost) * 100), 0), 1908675);
  } finally {
    await f.close();
  }
});

Deno.test("web charges: a PI sees only their own charges, detail and export", async () => {
  const f = await webFixture();
  try {
    await ingest04(f, "aws_2025-01.csv", "aws");
    const pat = sessionFor(f, "pat");
    const list = await pageText(
      await send(f, "GET", "/charges?period=2025-01&pi=grix.mottershaw@example.edu", { as: pat }),
    );
    match(list, /7 charges · billed \$6,460\.00/);
    equal(list.includes("grix.mottershaw"), false);
    const csv = await (await send(f, "GET", "/charges/export.csv?period=2025-01", { as: pat }))
      .text();
    equal(csv.trim().split("\n").length, 8);
    const other = f.db.get<{ id: number }>(
      "SELECT id FROM charges WHERE pi_email = 'grix.mottershaw@example.edu' LIMIT 1",
    )!.id;
    const own = f.db.get<{ id: number }>(
      "SELECT id FROM charges WHERE pi_email = 'zorp.blinkman@example.edu' ORDER BY id LIMIT 1",
    )!.id;
    equal((await send(f, "GET", `/charges/${other}`, { as: pat })).status, 404);
    const detail = await pageText(await send(f, "GET", `/charges/${own}`, { as: pat }));
    for (
      const s of [
        `Charge ${own}`,
        "genomics-sequencing",
        "BIO-2024-001",
        "$1,062.50",
        "grant_number NSF-BIO-2024-1234567",
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
    await ingest04(f, "aws_2025-01.csv", "aws");
    const vic = sessionFor(f, "vic");
    const projects = await pageText(await send(f, "GET", "/projects?period=2025-01", { as: vic }));
    match(projects, /exoplanet-survey .* \$5,100\.00/);
    const pis = await pageText(await send(f, "GET", "/pis?period=2025-01", { as: vic }));
    match(pis, /zorp\.blinkman@example\.edu .* 7 0 \$6,460\.00 \$7,600\.00/);
    const pi = await pageText(
      await send(f, "GET", "/pis/zorp.blinkman%40example.edu?period=2025-01", { as: vic }),
    );
    match(pi, /Billed per month \(USD\)/);
    match(pi, /genomics-sequencing/);
    match(pi, /Amazon EC2/);
    const pat = sessionFor(f, "pat");
    const mine = await pageText(await send(f, "GET", "/projects?period=2025-01", { as: pat }));
    equal(mine.includes("exoplanet-survey"), false);
    equal(
      (await send(f, "GET", "/projects/exoplanet-survey?period=2025-01", { as: pat })).status,
      404,
    );
    equal(
      (await send(f, "GET", "/projects/genomics-sequencing?period=2025-01", { as: pat })).status,
      200,
    );
  } finally {
    await f.close();
  }
});
