/**
 * The imports page: several files in one upload, source and period guessed
 * from the names, a dry-run preview that writes nothing, commit, row errors
 * with file:line: column, a finalized period refused however the period is
 * declared, and the upload size limit (413).
 *
 * Inputs are the own month (tests/fixtures/month/): aws_2025-01.csv has 8 rows
 * billed 3,995.00 (850+510+170+340+102+255+1700+68), hpc_2025-01.csv 4 rows.
 */

import { equal, match, ok, rejects } from "node:assert/strict";
import { UserError } from "../src/domain/errors.ts";
import { fileFromBytes, ingestDelivery } from "../src/ingest/mod.ts";
import { send, sessionFor, type WebFixture, webFixture } from "./web_harness.ts";
import { ingestMonth, monthBytes, pageText, postMultipart } from "./web_pages_kit.ts";

function count(f: WebFixture, sql: string): number {
  return f.db.get<{ n: number }>(sql)!.n;
}

Deno.test("web imports: drop two files, preview (nothing written), then import both", async () => {
  const f = await webFixture();
  try {
    const rita = sessionFor(f, "rita");
    const preview = await postMultipart(f, "/imports/preview", rita, {}, [
      { name: "aws_2025-01.csv", bytes: monthBytes("aws_2025-01.csv") },
      { name: "C:\\exports\\hpc_2025-01.csv", bytes: monthBytes("hpc_2025-01.csv") },
    ]);
    equal(preview.status, 200);
    const html = await preview.text();
    match(html, /name="source_0" value="AWS"/);
    match(html, /name="period_0" value="2025-01"/);
    match(html, /name="source_1" value="HPC"/);
    const text = await pageText(new Response(html));
    match(
      text,
      /AWS · 2025-01 · aws_2025-01\.csv Warning: aws_2025-01\.csv: no BillingCurrency column; its 8 rows take the config currency, USD\. Status checked Rows 8 .* Billed \$3,995\.00/,
    );
    match(text, /Added \/ removed \/ unchanged 8 \/ 0 \/ 0/);
    match(text, /HPC · 2025-01 · hpc_2025-01\.csv/);
    equal(count(f, "SELECT count(*) AS n FROM charges"), 0, "a preview writes nothing");
    const token = /name="token" value="([^"]+)"/.exec(html)![1];
    const commit = await send(f, "POST", "/imports/commit", {
      as: rita,
      form: {
        token,
        source_0: "AWS",
        period_0: "2025-01",
        source_1: "HPC",
        period_1: "2025-01",
      },
      headers: { "HX-Request": "true" },
    });
    const doneHtml = await commit.text();
    const done = await pageText(new Response(doneHtml));
    match(done, /Imported 2 deliveries/);
    // the answer also replaces the page's import history (htmx out of band) with both imports
    const oobHistory =
      /<section class="panel" id="import-history" hx-swap-oob="true">[\s\S]*?<\/section>/
        .exec(doneHtml)?.[0] ?? "";
    equal(oobHistory.match(/<tr>/g)?.length, 3, "a header row and the two imports");
    equal(count(f, "SELECT count(*) AS n FROM imports"), 2);
    equal(count(f, "SELECT count(*) AS n FROM charges"), 12, "8 AWS rows + 4 HPC rows");
    equal(
      count(
        f,
        "SELECT count(*) AS n FROM audit_log WHERE action = 'import' AND actor = 'web:rita'",
      ),
      2,
    );
    const again = await send(f, "POST", "/imports/commit", { as: rita, form: { token } });
    equal(again.status, 400);
    match(await pageText(again), /this upload has expired or is not yours/);
    const history = await pageText(await send(f, "GET", "/imports", { as: sessionFor(f, "vic") }));
    match(history, /HPC hpc_2025-01\.csv 2025-01 4 4 0 0 imported web:rita/);
    const detail = await pageText(await send(f, "GET", "/imports/1", { as: rita }));
    match(detail, /Import 1 imported AWS/);
    match(detail, /aws_2025-01\.csv 8/);
  } finally {
    await f.close();
  }
});

Deno.test("web imports: row errors name file, line and column; another user cannot commit the upload", async () => {
  const f = await webFixture();
  try {
    const rita = sessionFor(f, "rita");
    const text = new TextDecoder().decode(monthBytes("aws_2025-01.csv")).split("\n");
    // line 4 (protein-scratch) ListCost 200.00, line 3 (protein-fold-02) ListCost 600.00
    text[3] = text[3].replace(",200.00,", ",12x,");
    text[2] = text[2].replace(",600.00,", ",lots,");
    const bad = new TextEncoder().encode(text.join("\n"));
    const res = await postMultipart(f, "/imports/preview", rita, {}, [
      { name: "aws_202501.csv", bytes: bad },
    ]);
    const page = await pageText(res);
    match(page, /Refused: aws_202501\.csv:3: column ListCost/);
    // each row error once: the first on the Refused line, the second listed under it
    equal(page.split("aws_202501.csv:3: column ListCost").length - 1, 1);
    equal(page.split("aws_202501.csv:4: column ListCost").length - 1, 1);
    ok(/disabled/.test(
      await (await postMultipart(f, "/imports/preview", rita, {}, [
        { name: "aws_202501.csv", bytes: bad },
      ])).text(),
    ));
    const html = await (await postMultipart(f, "/imports/preview", rita, {}, [
      { name: "unknown-cloud.csv", bytes: monthBytes("aws_2025-01.csv") },
    ])).text();
    match(await pageText(new Response(html)), /no source for unknown-cloud\.csv/);
    const token = /name="token" value="([^"]+)"/.exec(html)![1];
    const admin = await send(f, "POST", "/imports/commit", {
      as: sessionFor(f, "admin"),
      form: { token, source_0: "AWS" },
    });
    equal(admin.status, 400);
    match(await pageText(admin), /not yours/);
    equal(count(f, "SELECT count(*) AS n FROM charges"), 0);
  } finally {
    await f.close();
  }
});

Deno.test("web imports: a finalized period is refused however the period is declared", async () => {
  const f = await webFixture();
  try {
    await ingestMonth(f, "aws_2025-01.csv", "aws");
    f.db.run("UPDATE periods SET status = 'finalized' WHERE period = '2025-01'");
    const rita = sessionFor(f, "rita");
    const html = await (await postMultipart(f, "/imports/preview", rita, {}, [
      { name: "storage.csv", bytes: monthBytes("storage_2025-01.csv") },
    ])).text();
    const token = /name="token" value="([^"]+)"/.exec(html)![1];
    for (const period of ["", "2031-07", "2025-01"]) {
      const res = await send(f, "POST", "/imports/commit", {
        as: rita,
        form: { token, source_0: "Storage", period_0: period },
      });
      match(await pageText(res), /Refused: .*2025-01.*finalized/, `declared '${period}'`);
    }
    equal(count(f, "SELECT count(*) AS n FROM charges"), 8, "only the 8 AWS rows");
  } finally {
    await f.close();
  }
});

Deno.test("web imports: a body over web.max_upload_mb is refused with 413", async () => {
  const f = await webFixture({ tweak: (c) => (c.web.max_upload_mb = 1) });
  try {
    const big = new Uint8Array(1024 * 1024 + 10).fill(65);
    const res = await postMultipart(f, "/imports/preview", sessionFor(f, "rita"), {}, [
      { name: "aws_2025-01.csv", bytes: big },
    ]);
    equal(res.status, 413);
    match(await pageText(res), /larger than the limit of 1 MB/);
    const viewer = await postMultipart(f, "/imports/preview", sessionFor(f, "vic"), {}, [
      { name: "aws_2025-01.csv", bytes: monthBytes("aws_2025-01.csv") },
    ]);
    equal(viewer.status, 403);
  } finally {
    await f.close();
  }
});

Deno.test("web imports: a refused delivery (e.g. a cron import) is listed with its errors", async () => {
  const f = await webFixture();
  try {
    const text = new TextDecoder().decode(monthBytes("aws_2025-01.csv")).split("\n");
    text[2] = text[2].replace(",600.00,", ",lots,"); // line 3's ListCost
    await rejects(
      ingestDelivery(f.ctx("cli:cron"), {
        newSource: true,
        files: [fileFromBytes("aws_2025-01.csv", new TextEncoder().encode(text.join("\n")))],
        source: "aws",
      }),
      UserError,
    );
    equal(count(f, "SELECT count(*) AS n FROM charges"), 0);
    const page = await pageText(await send(f, "GET", "/imports", { as: sessionFor(f, "rita") }));
    match(page, /Refused deliveries/);
    match(page, /aws aws_2025-01\.csv aws_2025-01\.csv:3: column ListCost: 'lots' is not a number/);
    match(page, /cli:cron/);
  } finally {
    await f.close();
  }
});
