/**
 * What a PI sees of a charge (issue 19 item 8): the charge page labels its fields ("Billed
 * cost", "Service name", never snake_case) and shows a PI no fingerprint, no file name and no
 * server path; staff keep the provenance (file name without its directory, line, import,
 * fingerprint), labelled too. The PI's CSV export has no file_name or line_no column; staff's has.
 * The delivery is a file this test writes under a directory, imported by the real CLI.
 */

import { deepEqual, equal, match, ok } from "node:assert/strict";
import Papa from "papaparse";
import { runCli } from "./cli_harness.ts";
import { PI_EMAIL, send, sessionFor, webFixture } from "./web_harness.ts";
import { pageText } from "./web_pages_kit.ts";

const HEADER = "BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ListCost," +
  "ContractedCost,BilledCost,EffectiveCost,BillingCurrency,ResourceId,ServiceName,Tags";

function row(billed: string, list: string, resource: string, pi: string, fund: string): string {
  const tags = JSON.stringify({ pi_email: pi, project_id: "p-1", fund_org: fund })
    .replaceAll('"', '""');
  return `2025-01-01,2025-02-01,2025-01-01,2025-02-01,${list},${billed},${billed},${billed},USD,` +
    `${resource},Amazon EC2,"${tags}"`;
}

/** The Tags panel's headings: the keys of the Tags cell. */
const TAG_KEYS = ["<code>pi_email</code>", "<code>project_id</code>", "<code>fund_org</code>"];

/** The row headings of the page's field tables. */
function rowHeadings(html: string): string[] {
  return [...html.matchAll(/<th scope="row">([\s\S]*?)<\/th>/g)].map((m) => m[1]);
}

Deno.test("web charge page and CSV: a PI sees labelled fields and no provenance; staff keep it", async () => {
  const f = await webFixture();
  try {
    const dir = `${f.dir}/deliveries/cloud`;
    await Deno.mkdir(dir, { recursive: true });
    const file = `${dir}/aws_2025-01.csv`;
    await Deno.writeTextFile(
      file,
      [
        HEADER,
        row("850.00", "1000.00", "i-pi-1", PI_EMAIL, "CHEM-1"),
        row("12.34", "12.34", "i-pi-2", PI_EMAIL, "CHEM-1"),
        row("99.00", "99.00", "i-other", "other@example.edu", "BIO-1"),
      ].join("\n") + "\n",
    );
    const r = await runCli(
      ["ingest", "--new-source", file, "-s", "aws", "-p", "2025-01", "-c", f.configPath],
      { cwd: f.dir },
    );
    equal(r.code, 0, r.stderr);
    const charges = f.db.all<{ id: number; fingerprint: string; file_name: string }>(
      "SELECT id, fingerprint, file_name FROM charge_values WHERE resource_id = 'i-pi-1'",
    );
    equal(charges.length, 1);
    const { id, fingerprint, file_name } = charges[0];
    ok(file_name.includes("deliveries/cloud/"), file_name); // the stored name has its directory

    // the PI: labels, the figures, and nothing of where the office keeps the charge
    const pat = sessionFor(f, "pat");
    const piRes = await send(f, "GET", `/charges/${id}`, { as: pat });
    equal(piRes.status, 200);
    const piHtml = await piRes.text();
    const piHeads = rowHeadings(piHtml);
    ok(piHeads.includes("Billed cost") && piHeads.includes("Service name"), piHeads.join("|"));
    ok(piHeads.includes("PI email") && piHeads.includes("Resource ID"), piHeads.join("|"));
    // snake_case only in the Tags panel: the delivery's own tag keys, as written in the file
    deepEqual(piHeads.filter((h) => /_|<code>/.test(h)), TAG_KEYS);
    match(piHtml, /<th scope="row">Billed cost<\/th><td>\$850\.00<\/td>/);
    ok(!piHtml.includes(fingerprint), "the PI's page shows the fingerprint");
    ok(!/fingerprint/i.test(piHtml), "the PI's page names a fingerprint");
    ok(!piHtml.includes("aws_2025-01.csv"), "the PI's page names the file");
    ok(!piHtml.includes(dir) && !piHtml.includes("deliveries/"), "the PI's page shows a path");
    ok(!piHeads.includes("Line") && !piHeads.includes("Occurrence in the delivery"));

    // staff: the same labels, plus the provenance (the file without its directory in the text)
    const vic = sessionFor(f, "vic");
    const staffHtml = await (await send(f, "GET", `/charges/${id}`, { as: vic })).text();
    const staffHeads = rowHeadings(staffHtml);
    ok(staffHeads.includes("Billed cost") && staffHeads.includes("Fingerprint"));
    deepEqual(staffHeads.filter((h) => /_|<code>/.test(h)), TAG_KEYS);
    ok(staffHtml.includes(fingerprint), "staff keep the fingerprint");
    const staffText = await pageText(new Response(staffHtml));
    match(staffText, /aws_2025-01\.csv line 2/);
    ok(!staffText.includes("deliveries/"), "staff text shows the server path");
    match(staffHtml, new RegExp(`title="${file_name.replaceAll("/", "\\/")}"`)); // on hover
    match(staffText, /Imported in import #\d+/);

    // another PI's charge stays "not found" for the PI
    const other = f.db.get<{ id: number }>(
      "SELECT id FROM charge_values WHERE resource_id = 'i-other'",
    );
    equal((await send(f, "GET", `/charges/${other!.id}`, { as: pat })).status, 404);

    // CSV: the PI's export has no file names; staff's keeps them
    const piCsv = await (await send(f, "GET", "/charges/export.csv?period=2025-01", { as: pat }))
      .text();
    const piParsed = Papa.parse<Record<string, string>>(piCsv, {
      header: true,
      skipEmptyLines: true,
    });
    const piHeader = piParsed.meta.fields ?? [];
    ok(piHeader.includes("billed_cost") && piHeader.includes("service_name"));
    ok(!piHeader.includes("file_name") && !piHeader.includes("line_no"), piHeader.join(","));
    ok(!piHeader.includes("fingerprint"));
    ok(!piCsv.includes("aws_2025-01.csv") && !piCsv.includes(fingerprint));
    equal(piParsed.data.length, 2); // the PI's two charges only
    equal(
      piParsed.data.reduce((t, x) => t + Math.round(Number(x.billed_cost) * 100), 0),
      86234, // 850.00 + 12.34
    );
    const staffCsv = await (await send(f, "GET", "/charges/export.csv?period=2025-01", { as: vic }))
      .text();
    const staffParsed = Papa.parse<Record<string, string>>(staffCsv, {
      header: true,
      skipEmptyLines: true,
    });
    const staffHeader = staffParsed.meta.fields ?? [];
    deepEqual(staffHeader.slice(-2), ["file_name", "line_no"]);
    equal(staffParsed.data.length, 3);
    ok(staffParsed.data.every((x) => x.file_name === file_name));
  } finally {
    await f.close();
  }
});
