/** export-journal refuses (exit 1, nothing written, nothing recorded) rather than write a bad GL file. */

import { deepEqual, equal, match } from "node:assert/strict";
import { runCli, tempWorkspace } from "./cli_harness.ts";
import {
  JOURNAL_DATASET,
  journalTestConfig,
  type SeedCharge,
  seedCharges,
} from "./journal_seed.ts";

const EXTRA: SeedCharge[] = [
  { source: "AWS", pi: "bad@example.edu", project: "p1", fundOrg: "BADFUND", billed: "5.00" },
  {
    source: "AWS",
    pi: "acct@example.edu",
    project: "p2",
    fundOrg: "CHEM-77",
    account: "ABC",
    billed: "6.00",
  },
  { source: "Storage", pi: "nofund@example.edu", project: "p3", fundOrg: null, billed: "7.00" },
];

function journalFiles(dir: string): string[] {
  try {
    return [...Deno.readDirSync(`${dir}/journals`)].map((e) => e.name);
  } catch {
    return [];
  }
}

Deno.test("export-journal refuses gl/template listing every offending source, fund/org and account", async () => {
  const { dir, cleanup } = await tempWorkspace("oc-journal-refuse-");
  try {
    seedCharges(`${dir}/db.sqlite`, [...JOURNAL_DATASET, ...EXTRA]);
    // AWS has no credit fund/org; Storage has no account and there is no default account
    const config = journalTestConfig(
      dir,
      "",
      `    - {name: AWS, account_code: "4500"}
    - {name: HPC, fund_org: "RC-HPC-01", account_code: "4510"}
    - {name: Storage, fund_org: "RC-STOR-01"}`,
    ).replace('default_account: "4999"', 'default_account: ""');
    await Deno.writeTextFile(`${dir}/config.yaml`, config);
    for (const format of ["gl", "template"]) {
      const r = await runCli([
        "export-journal",
        "-p",
        "2025-01",
        "--allow-pending",
        "-f",
        format,
        "--json",
      ], {
        cwd: dir,
      });
      equal(r.code, 1, r.stderr);
      equal(r.stdout, "");
      const lines = r.stderr.trim().split("\n");
      match(
        lines[0],
        /^error: journal export refused: 7 problems would make an invalid GL journal; nothing was written\./,
      );
      deepEqual(lines.slice(1).map((l) => l.trim()), [
        "source 'AWS': no credit fund/org (6 charges, 1401.01); set imports.known_sources[name=AWS].fund_org.",
        "source 'Storage': no account for its credit line; set imports.known_sources[].account_code or journal.default_account.",
        "no fund/org on charges (source 'Storage', 1 charge of nofund@example.edu).",
        "fund/org '', source 'Storage': no account (no account_code tag, none in imports.known_sources, no journal.default_account).",
        "fund/org 'BADFUND' (source 'AWS', 1 charge of bad@example.edu) does not match journal.fund_org_regex '^(?P<orgn>[^-]+)-(?P<fund>.+)$'.",
        "fund/org 'BIO-2024-001', source 'Storage': no account (no account_code tag, none in imports.known_sources, no journal.default_account).",
        "account 'ABC' (fund/org 'CHEM-77', source 'AWS') does not match journal.account_code_regex '^\\d{4}$'.",
      ]);
    }
    deepEqual(journalFiles(dir), []);
    // detail and summary bill the charges; they do not post to the GL, so they are not refused
    const detail = await runCli([
      "export-journal",
      "-p",
      "2025-01",
      "--allow-pending",
      "-f",
      "detail",
      "--json",
    ], {
      cwd: dir,
    });
    equal(detail.code, 0, detail.stderr);
    equal(detail.json<{ debitTotal: string }>().debitTotal, "1445.36");
    const list = await runCli(["journal", "list", "-p", "2025-01", "--json"], { cwd: dir });
    deepEqual(list.json<{ format: string }[]>().map((r) => r.format), ["detail"]);
  } finally {
    await cleanup();
  }
});

Deno.test("export-journal refuses a GL journal mixing currencies", async () => {
  const { dir, cleanup } = await tempWorkspace("oc-journal-refuse-");
  try {
    seedCharges(`${dir}/db.sqlite`, [
      ...JOURNAL_DATASET,
      { source: "AWS", fundOrg: "BIO-2024-001", billed: "3.00", currency: "EUR" },
    ]);
    await Deno.writeTextFile(`${dir}/config.yaml`, journalTestConfig(dir));
    const r = await runCli(["export-journal", "-p", "2025-01", "--allow-pending", "-f", "gl"], {
      cwd: dir,
    });
    equal(r.code, 1);
    match(r.stderr, /charges in 2 currencies \(EUR, USD\): a GL journal is in one currency\./);
    deepEqual(journalFiles(dir), []);
  } finally {
    await cleanup();
  }
});

Deno.test("export-journal: a template error names the template file and line; the sandbox holds", async () => {
  const { dir, cleanup } = await tempWorkspace("oc-journal-refuse-");
  try {
    seedCharges(`${dir}/db.sqlite`, JOURNAL_DATASET);
    await Deno.writeTextFile(`${dir}/config.yaml`, journalTestConfig(dir));
    const cases: [string, string, RegExp][] = [
      [
        "filter.liquid",
        "A,B\n{% for e in entries %}\n{{ e.fund | nosuchfilter }}\n{% endfor %}\n",
        /^error: filter\.liquid:3: journal template error: undefined filter: nosuchfilter\./,
      ],
      [
        "variable.liquid",
        "A,B\n\n{% for e in entries %}{{ e.fnud }}\n{% endfor %}\n",
        /^error: variable\.liquid:3: journal template error: undefined variable: e\.fnud\./,
      ],
      [
        "syntax.liquid",
        "A,B\n{% for e in entries %}\n{{ e.fund }}\n",
        /^error: syntax\.liquid:2: journal template error: tag \{% for e in entries %\} not closed\./,
      ],
      [
        "include.liquid",
        "A\n{% include '/etc/passwd' %}\n",
        /^error: include\.liquid:2: journal template error: ENOENT/,
      ],
      [
        "proto.liquid",
        "{{ entries.constructor }}\n",
        /^error: proto\.liquid:1: journal template error: undefined variable: entries\.constructor\./,
      ],
      [
        "jinja.liquid",
        '{{ "%.2f"|format(1) }}\n',
        /^error: jinja\.liquid:1: journal template error: /,
      ],
    ];
    for (const [file, text, expected] of cases) {
      await Deno.writeTextFile(`${dir}/${file}`, text);
      const r = await runCli([
        "export-journal",
        "-p",
        "2025-01",
        "--allow-pending",
        "--template",
        file,
      ], { cwd: dir });
      equal(r.code, 1, `${file}: ${r.stderr}`);
      match(r.stderr.trim().split("\n").at(-1)!, expected);
    }
    const missing = await runCli([
      "export-journal",
      "-p",
      "2025-01",
      "--allow-pending",
      "--template",
      "nope.liquid",
    ], {
      cwd: dir,
    });
    equal(missing.code, 1);
    match(missing.stderr, /cannot read journal template nope\.liquid/);
    deepEqual(journalFiles(dir), []);
  } finally {
    await cleanup();
  }
});

Deno.test("export-journal: a refusal of more than 20 problems prints 10, then one line per kind with its fix; --json keeps all", async () => {
  const { dir, cleanup } = await tempWorkspace("oc-journal-refuse-");
  try {
    // 30 fund/orgs on AWS and no default account: 30 debit lines without an account
    const many: SeedCharge[] = Array.from({ length: 30 }, (_, i) => ({
      source: "AWS",
      pi: `pi${i}@example.edu`,
      project: `p${i}`,
      fundOrg: `CHEM-${1000 + i}`,
      billed: "1.00",
    }));
    seedCharges(`${dir}/db.sqlite`, many);
    const config = journalTestConfig(dir, "", `    - {name: AWS, fund_org: "RC-AWS-01"}`)
      .replace('default_account: "4999"', 'default_account: ""');
    await Deno.writeTextFile(`${dir}/config.yaml`, config);
    const text = await runCli(["export-journal", "-p", "2025-01", "-f", "gl"], { cwd: dir });
    equal(text.code, 1, text.stderr);
    const lines = text.stderr.trim().split("\n").map((l) => l.trim());
    match(lines[0], /^error: journal export refused: 31 problems/);
    equal(lines.length, 1 + 10 + 1 + 2);
    equal(lines[11], "... 21 more; all 31 by kind:");
    equal(lines[12], "30 fund/orgs have no account: set journal.default_account");
    equal(
      lines[13],
      "1 source has no credit account: set journal.default_account (or imports.known_sources[].account_code)",
    );
    const json = await runCli(["export-journal", "-p", "2025-01", "-f", "gl", "--json"], {
      cwd: dir,
    });
    equal(json.code, 1);
    equal(json.stdout, "");
    equal(json.stderr.trim().split("\n").length, 1 + 31);
    deepEqual(journalFiles(dir), []);
  } finally {
    await cleanup();
  }
});
