/**
 * The web journal page offers detail/summary/gl, the configured template and
 * the built-in templates by name; a built-in name goes to the service (which
 * accepts only the built-in names), never a path.
 */

import { equal, match } from "node:assert/strict";
import { send, sessionFor, type WebFixture, webFixture } from "./web_harness.ts";
import { ingestMonth, pageText } from "./web_pages_kit.ts";

/**
 * AWS charges of 2025-01 (tests/fixtures/month/aws_2025-01.csv: 8 rows billed
 * 3,995.00 over 3 fund/orgs: LING-2025-003 2,023.00, CHEM-2025-001 1,530.00,
 * GEO-2025-014 442.00) with a credit fund/org and account, so GL journals balance.
 */
async function glFixture(): Promise<WebFixture> {
  const f = await webFixture({
    tweak: (c) => {
      c.dev_mode = true;
      const aws = c.imports.known_sources.find((s) => s.name === "AWS")!;
      aws.fund_org = "RC-CREDIT";
      aws.account_code = "61000";
      c.journal.template = "workday";
    },
  });
  await ingestMonth(f, "aws_2025-01.csv", "aws");
  return f;
}

Deno.test("web journal: the select lists the formats, the configured template and the built-ins", async () => {
  const f = await glFixture();
  try {
    const html = await (await send(f, "GET", "/journal?period=2025-01&format=builtin:peoplesoft", {
      as: sessionFor(f, "rita"),
    })).text();
    const select = /<select id="j-format"[\s\S]*?<\/select>/.exec(html)![0];
    const options = [...select.matchAll(/<option value="([^"]+)"( selected="")?>([^<]*)</g)]
      .map((m) => `${m[1]}${m[2] ? "*" : ""}=${m[3]}`);
    equal(
      options.join("|"),
      [
        "detail=Detail (one line per charge)",
        "summary=Summary (per PI, project, fund/org)",
        "gl=GL (balanced debit/credit lines)",
        "template=Template: workday",
        // workday is the configured template: listed once, not again as a built-in
        "builtin:banner=Built-in template: banner",
        "builtin:peoplesoft*=Built-in template: peoplesoft",
      ].join("|"),
    );
    // one selector serves Preview and Export: the export form carries the choice shown
    equal(html.match(/<select /g)!.length, 2); // the top bar's period, and this one
    match(html, /<button type="submit" form="journal-export" id="journal-export-button">/);
    match(
      html,
      /<form method="post" action="\/journal\/export" id="journal-export"[^>]*>[\s\S]*?name="format" value="builtin:peoplesoft"/,
    );
  } finally {
    await f.close();
  }
});

Deno.test("web journal: preview and export with a built-in template, recorded by name", async () => {
  const f = await glFixture();
  try {
    const rita = sessionFor(f, "rita");
    const gl = await pageText(
      await send(f, "GET", "/journal?period=2025-01&preview=1&format=gl", { as: rita }),
    );
    // 3 debit lines (one per fund/org) and the AWS credit line
    match(gl, /4 rows from 8 charges · debit 3995\.00 · credit 3995\.00/);
    const banner = await pageText(
      await send(f, "GET", "/journal?period=2025-01&preview=1&format=builtin:banner", { as: rita }),
    );
    // the template renders the same GL lines as -f gl
    match(banner, /4 rows from 8 charges · debit 3995\.00 · credit 3995\.00 · balanced/);
    // the preview is a table: header cells, rows, and a totals row under Debit and Credit
    match(banner, / Fund Orgn Account Program Activity Location Debit Credit Description /);
    // fund_org_regex ^(?P<orgn>[^-]+)-(?P<fund>.+)$: CHEM-2025-001 is orgn CHEM, fund 2025-001
    match(banner, / CREDIT RC 61000 3995\.00 AWS 2025-01 Research Computing Char OC202501 /);
    match(banner, / 2025-001 CHEM 61000 1530\.00 AWS 2025-01 Research Computing Char OC202501 /);
    match(banner, /Total \(every row\) 3995\.00 3995\.00 /);
    const res = await send(f, "POST", "/journal/export", {
      as: rita,
      form: { period: "2025-01", format: "builtin:peoplesoft" },
    });
    equal(res.status, 200);
    const csv = await res.text();
    const rec = f.db.get<{ format: string; template: string; rows: number; debit_total: number }>(
      "SELECT format, template, rows, debit_total FROM journal_exports",
    )!;
    equal(rec.format, "template");
    equal(rec.template, "peoplesoft");
    equal(rec.rows, 4);
    equal(rec.debit_total, 3_995_000_000);
    const audit = f.db.get<{ details: string }>(
      "SELECT details FROM audit_log WHERE action = 'journal.export'",
    )!;
    equal(JSON.parse(audit.details).template, "peoplesoft");
    const history = await pageText(await send(f, "GET", "/journal?period=2025-01", { as: rita }));
    match(history, /template peoplesoft 4 3995\.00 3995\.00 web:rita journal_2025-01_/);
    const again = await send(f, "GET", "/journal/exports/1", { as: rita });
    equal(await again.text(), csv);
  } finally {
    await f.close();
  }
});

Deno.test("web journal: an unknown built-in name or a path is refused, nothing written", async () => {
  const f = await glFixture();
  try {
    const rita = sessionFor(f, "rita");
    for (const name of ["nope", "../../etc/passwd", "/tmp/x.liquid", "journal_gl.csv"]) {
      const res = await send(f, "POST", "/journal/export", {
        as: rita,
        form: { period: "2025-01", format: `builtin:${name}` },
      });
      equal(res.status, 400);
      match(
        await pageText(res),
        new RegExp(
          `unknown built-in journal template '${
            name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")
          }'.*Use one of banner, workday, peoplesoft`,
        ),
      );
    }
    const preview = await pageText(
      await send(f, "GET", "/journal?period=2025-01&preview=1&format=builtin:nope", { as: rita }),
    );
    match(preview, /unknown built-in journal template 'nope'/);
    equal(f.db.get<{ n: number }>("SELECT count(*) AS n FROM journal_exports")!.n, 0);
  } finally {
    await f.close();
  }
});
