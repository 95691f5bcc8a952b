/**
 * The own 0.4-layout month (tests/fixtures/month/) through the real `ingest`
 * and `export-journal`, with its 0.4-layout config (refused: no credit
 * fund/orgs) and with credit fund/orgs set (balanced, 5,086.50). The same on
 * the third-party 0.4 samples: tests/conformance/journal_oc04_test.ts.
 */

import { deepEqual, equal, match } from "node:assert/strict";
import { formatMicros, parseMicros } from "../src/domain/money.ts";
import { MONTH, runCli, tempWorkspace, write04Config } from "./cli_harness.ts";

const SOURCES = ["aws", "azure", "hpc", "it_storage", "storage"];
const CREDIT_FUNDS: Record<string, string> = {
  AWS: "RCS-CLOUD-AWS",
  Azure: "RCS-CLOUD-AZURE",
  HPC: "RCS-HPC",
  Storage: "RCS-STORAGE",
};

/** The 0.4 config with credit fund/orgs for the sample's sources and a default account. */
function withCreditFunds(text: string): string {
  let out = text;
  for (const [name, fund] of Object.entries(CREDIT_FUNDS)) {
    out = out.replace(
      new RegExp(`(- name: ${name}\\n\\s+pattern: [^\\n]*\\n\\s+fund_org: )""`),
      `$1"${fund}"`,
    );
  }
  out = out.replace('default_account: ""', 'default_account: "7200"');
  return out.replace(
    "  - name: Storage\n",
    '  - name: it_storage\n    pattern: it_storage\n    fund_org: "ITS-STORAGE"\n    account_code: "7210"\n  - name: Storage\n',
  );
}

/** Sum of a CSV column of plain (unquoted) decimal cells, in micro-units. */
function columnTotal(csv: string, column: string): number {
  const [header, ...rows] = csv.trim().split("\n");
  const i = header.split(",").indexOf(column);
  return rows.reduce((t, r) => t + (parseMicros(r.split(",")[i] || "0") ?? NaN), 0);
}

Deno.test("journal on a 0.4-layout month: refused without credit fund/orgs, balanced at 5086.50 with them", async () => {
  const { dir, cleanup } = await tempWorkspace("oc-journal-oc04-");
  try {
    const config = await write04Config(dir);
    for (const s of SOURCES) {
      const r = await runCli([
        "ingest",
        "--new-source",
        `${MONTH}${s}_2025-01.csv`,
        "-s",
        s,
        "-c",
        config,
      ], {
        cwd: dir,
      });
      equal(r.code, 0, r.stderr);
    }
    const detail = await runCli(["export-journal", "-p", "2025-01", "-c", config, "--json"], {
      cwd: dir,
    });
    equal(detail.code, 0, detail.stderr);
    deepEqual(
      [detail.json<{ rows: number }>().rows, detail.json<{ debitTotal: string }>().debitTotal],
      [23, "5086.50"],
    );

    // the 0.4 layout as shipped: no source has a credit fund/org -> refused, every source listed
    const refused = await runCli(["export-journal", "-p", "2025-01", "-f", "gl", "-c", config], {
      cwd: dir,
    });
    equal(refused.code, 1);
    for (const s of ["AWS", "Azure", "HPC", "it_storage", "Storage"]) {
      match(refused.stderr, new RegExp(`source '${s}': no credit fund/org`));
    }
    // only the detail journal above was written
    equal([...Deno.readDirSync(`${dir}/instance/output/journals`)].length, 1);

    await Deno.writeTextFile(config, withCreditFunds(await Deno.readTextFile(config)));
    const gl = await runCli(
      ["export-journal", "-p", "2025-01", "-f", "gl", "-c", config, "--json"],
      {
        cwd: dir,
      },
    );
    equal(gl.code, 0, gl.stderr);
    const r = gl.json<{ path: string; rows: number; debitTotal: string; creditTotal: string }>();
    equal(r.debitTotal, "5086.50");
    equal(r.creditTotal, "5086.50");
    const text = await Deno.readTextFile(r.path);
    const lines = text.trim().split("\n");
    // 0.4's (?P<orgn>...)(?P<fund>...) regex splits the fund/orgs into columns
    equal(
      lines[0],
      "Line,Type,Fund/Org,orgn,fund,Account,Source,Currency,Debit,Credit,Description,Reference ID,Charges",
    );
    // CHEM-2025-001 on AWS: 850.00 + 510.00 + 170.00; GEO-2025-014 on AWS: 340.00 + 102.00
    match(text, /\n2,Debit,CHEM-2025-001,CHEM,2025-001,7200,AWS,USD,1530\.00,,/);
    match(text, /\n3,Debit,GEO-2025-014,GEO,2025-014,7200,AWS,USD,442\.00,,/);
    // HPC bills 0.00 (fully subsidised): no zero lines
    equal(text.includes(",HPC,"), false);
    equal(formatMicros(columnTotal(text, "Debit"), 2), "5086.50");
    equal(formatMicros(columnTotal(text, "Credit"), 2), "5086.50");
    equal(lines.length - 1, r.rows);

    // the 0.4 template name journal_gl.csv means the built-in Banner layout
    const banner = await runCli([
      "export-journal",
      "-p",
      "2025-01",
      "-f",
      "template",
      "-o",
      "-",
      "-c",
      config,
    ], {
      cwd: dir,
    });
    equal(banner.code, 0, banner.stderr);
    const bannerLines = banner.stdout.split("\n");
    equal(
      bannerLines[0],
      "Fund,Orgn,Account,Program,Activity,Location,Debit,Credit,Description (35 Characters maximum),Reference ID",
    );
    equal(
      bannerLines[1],
      // ATM-2025-002 (fund 2025-002, orgn ATM): the 20.00 archive storage of eli.marsh
      "2025-002,ATM,7200,,,,20.00,,Storage 2025-01 Research Computing,OC202501",
    );
    equal(formatMicros(columnTotal(banner.stdout, "Debit"), 2), "5086.50");
    equal(formatMicros(columnTotal(banner.stdout, "Credit"), 2), "5086.50");
  } finally {
    await cleanup();
  }
});
