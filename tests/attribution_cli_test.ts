import { deepEqual, equal, match } from "node:assert/strict";
import { runCli, tempWorkspace } from "./cli_harness.ts";

const HEADER =
  "BillingPeriodStart,BillingPeriodEnd,BilledCost,BillingCurrency,SubAccountId,ServiceName,Tags,x_ResourceGroupName";
const tags = (o: Record<string, string>) => `"${JSON.stringify(o).replaceAll('"', '""')}"`;
const CSV = [
  HEADER,
  `2026-05-01,2026-06-01,10.000001,USD,123456,EC2,${tags({ Owner: "team-data" })},rg-a`,
  `2026-05-01,2026-06-01,5.25,USD,555,S3,${
    tags({ pi_email: "ann@uni.edu", project_id: "p-ann", fund_org: "F-ANN" })
  },rg-b`,
  `2026-05-01,2026-06-01,2.50,USD,999,EC2,${tags({ Owner: "team-x", projcet: "oops" })},rg-c`,
  `2026-06-01,2026-07-01,7.00,USD,777,EC2,,rg-d`,
].join("\n") + "\n";

const RULES = `
attribution:
  precedence: tags
  rules:
    - name: data-team
      match: {"tag:Owner": team-data, SubAccountId: "/^1234/"}
      set: {pi_email: Dana.Li@uni.edu, pi_name: Dana Li, project_id: data-platform, fund_org: CS-10001}
`;

async function workspace() {
  const { dir, cleanup } = await tempWorkspace("oc-attr-");
  const config = (extra = "") =>
    Deno.writeTextFile(
      `${dir}/config.yaml`,
      `database:\n  path: ${dir}/billing.db\noutput:\n  pdf_dir: ${dir}/pdfs\n  journal_dir: ${dir}/journals\n  email_dir: ${dir}/emails\n${extra}`,
    );
  await config();
  await Deno.writeTextFile(`${dir}/aws.csv`, CSV);
  const run = (args: string[]) =>
    runCli([...args, "-c", "config.yaml"], { cwd: dir, env: { USER: "tester" } });
  return { dir, cleanup, config, run };
}

Deno.test("attribution: apply re-attributes an open period, assign reassigns, both audited; the gate refuses", async () => {
  const ws = await workspace();
  try {
    let r = await ws.run(["ingest", "--new-source", "aws.csv", "-s", "aws", "--json"]);
    equal(r.code, 0, r.stderr);
    equal(r.json<{ flagged: number }>().flagged, 3); // rows 1, 3, 4: no PI, project, fund

    // rules added to the config: a dry run shows the move per PI, project and fund
    await ws.config(RULES);
    r = await ws.run(["attribution", "apply", "-p", "2026-05", "--dry-run", "--json"]);
    equal(r.code, 0, r.stderr);
    const dry = r.json<{
      changed: number;
      groups: { piEmail: string | null; billedBefore: string; billedAfter: string }[];
      totals: { currency: string; billed: string }[];
    }>();
    equal(dry.changed, 1);
    deepEqual(dry.totals, [{ currency: "USD", billed: "17.750001" }]);
    const dana = dry.groups.find((g) => g.piEmail === "dana.li@uni.edu")!;
    deepEqual([dana.billedBefore, dana.billedAfter], ["0.000000", "10.000001"]);
    const none = dry.groups.find((g) => g.piEmail === null)!;
    deepEqual([none.billedBefore, none.billedAfter], ["12.500001", "2.500000"]);
    r = await ws.run(["review", "list", "-p", "2026-05", "--json"]);
    deepEqual(r.json<{ id: number }[]>().map((c) => c.id), [1, 3]); // the dry run changed nothing

    r = await ws.run(["attribution", "apply", "-p", "2026-05"]);
    equal(r.code, 0, r.stderr);
    match(r.stdout, /1 of 3 charges changed \(1 no longer flagged, 0 newly flagged\)/);
    match(r.stdout, /total USD: 17\.75 before and after/);
    r = await ws.run(["review", "list", "-p", "2026-05", "--json"]);
    deepEqual(r.json<{ id: number }[]>().map((c) => c.id), [3]);

    // attribution test: which rules match which rows
    r = await ws.run(["attribution", "test", "aws.csv", "--json"]);
    equal(r.code, 0, r.stderr);
    const t = r.json<
      {
        rows: number;
        unmatched: number;
        rules: { name: string; matched: number; firstRows: string[] }[];
      }
    >();
    equal(t.rows, 4);
    equal(t.unmatched, 3);
    deepEqual(t.rules.map((x) => [x.name, x.matched, x.firstRows]), [["data-team", 1, [
      "aws.csv:2",
    ]]]);

    // reassignment by a person, saved as a rule
    r = await ws.run([
      "review",
      "assign",
      "--id",
      "3",
      "--pi",
      "Bob@uni.edu",
      "--project",
      "p-bob",
      "--fund",
      "F-BOB",
      "--note",
      "team-x is Bob's lab",
      "--save-rule",
      "team-x",
      "--json",
    ]);
    equal(r.code, 0, r.stderr);
    const a = r.json<
      { cleared: number; rule: { match: Record<string, string>; source: string } }
    >();
    equal(a.cleared, 1);
    deepEqual(a.rule.match, { SubAccountId: "999", "tag:Owner": "team-x", "tag:projcet": "oops" });
    equal(a.rule.source, "aws");
    r = await ws.run(["review", "list", "-p", "2026-05", "--json"]);
    deepEqual(r.json(), []);
    r = await ws.run(["attribution", "list", "--json"]);
    deepEqual(r.json<{ name: string; origin: string }[]>().map((x) => [x.name, x.origin]), [
      ["data-team", "config"],
      ["team-x", "database"],
    ]);

    // re-applying keeps the person's decision
    r = await ws.run(["attribution", "apply", "-p", "2026-05", "--json"]);
    equal(r.json<{ changed: number }>().changed, 0);

    // the audit log holds both, with before and after
    r = await ws.run(["audit", "list", "--json"]);
    const audit = r.json<{ action: string; details: Record<string, unknown> }[]>();
    const assign = audit.find((e) => e.action === "review.assign")!;
    deepEqual((assign.details.charges as unknown[])[0], {
      id: 3,
      before: {
        piEmail: null,
        piName: null,
        projectId: null,
        fundOrg: null,
        flags: '["missing_pi_email","missing_project_id","missing_fund_org"]',
        status: "pending",
      },
      after: {
        piEmail: "bob@uni.edu",
        piName: null,
        projectId: "p-bob",
        fundOrg: "F-BOB",
        flags: null,
        status: "none",
      },
    });
    const applied = audit.find((e) => e.action === "attribution.apply")!;
    deepEqual(applied.details.ids, [1]);
    deepEqual(applied.details.byRule, { "data-team": 1 });
    equal(audit.filter((e) => e.action === "attribution.rule.add").length, 1);

    // the gate: an approved charge with no PI stops generate and is named; no number used
    r = await ws.run(["review", "approve", "--id", "4", "--note", "ok"]);
    equal(r.code, 0, r.stderr);
    r = await ws.run(["generate", "-p", "2026-06"]);
    equal(r.code, 1);
    match(
      r.stderr,
      /generate refused: 1 billable charge in 2026-06 has no valid PI email or fund\/org/,
    );
    match(
      r.stderr,
      /charge 4 \(aws, 7\.00 USD\): no PI email, no fund\/org; fix: openchargeback review assign --id 4/,
    );
    r = await ws.run(["statements", "list", "-p", "2026-06", "--json"]);
    deepEqual(r.json<unknown[]>().length, 0);
    // fixed by assign, generate then numbers the first statement
    r = await ws.run([
      "review",
      "assign",
      "--id",
      "4",
      "--pi",
      "carl@uni.edu",
      "--project",
      "p-c",
      "--fund",
      "F-C",
      "--note",
      "found the owner",
    ]);
    equal(r.code, 0, r.stderr);
    r = await ws.run(["generate", "-p", "2026-06", "--json"]);
    equal(r.code, 0, r.stderr);
    deepEqual(r.json<{ statements: { number: string }[] }>().statements.map((s) => s.number), [
      "2026-06-0001",
    ]);
  } finally {
    await ws.cleanup();
  }
});

Deno.test("pis: import and list; an alias email rolls up to the canonical PI at ingest", async () => {
  const ws = await workspace();
  try {
    await Deno.writeTextFile(
      `${ws.dir}/people.csv`,
      "email,name,department,aliases\nAnn@uni.edu,Ann Aker,Physics,a.aker@old.edu;ann.a@uni.edu\n",
    );
    let r = await ws.run(["pis", "import", "people.csv"]);
    equal(r.code, 0, r.stderr);
    match(r.stdout, /1 added, 0 updated; 1 PIs in the directory/);
    r = await ws.run(["pis", "list", "--json"]);
    deepEqual(r.json(), [{
      email: "ann@uni.edu",
      name: "Ann Aker",
      department: "Physics",
      aliases: ["a.aker@old.edu", "ann.a@uni.edu"],
    }]);
    await Deno.writeTextFile(
      `${ws.dir}/a.csv`,
      `${HEADER}\n2026-05-01,2026-06-01,3.00,USD,1,EC2,${
        tags({ pi_email: "A.Aker@old.edu", project_id: "p", fund_org: "F" })
      },\n`,
    );
    r = await ws.run(["ingest", "--new-source", "a.csv", "-s", "aws", "--json"]);
    equal(r.code, 0, r.stderr);
    // show by an alias email: the canonical PI, who holds the charge
    r = await ws.run(["show", "A.Aker@old.edu", "-p", "2026-05", "--json"]);
    equal(r.code, 0, r.stderr);
    const shown = r.json<{ pi: string; charges: number }>();
    deepEqual([shown.pi, shown.charges], ["ann@uni.edu", 1]);
    // statements greet by the directory's name (no pi_name tag)
    r = await ws.run(["generate", "-p", "2026-05", "--json"]);
    equal(r.code, 0, r.stderr);
    deepEqual(
      r.json<{ statements: { pi: string; piName: string }[] }>().statements.map((
        x,
      ) => [x.pi, x.piName]),
      [["ann@uni.edu", "Ann Aker"]],
    );
    // a PI user whose email matches no PI and no charge is warned about
    r = await runCli(
      [
        "users",
        "add",
        "nobody",
        "--email",
        "nobody@uni.edu",
        "--role",
        "pi",
        "--password-stdin",
        "-c",
        "config.yaml",
      ],
      { cwd: ws.dir, stdin: "long enough password 1\n" },
    );
    equal(r.code, 0, r.stderr);
    match(r.stderr, /warning: no PI in the directory and no charge has the email nobody@uni\.edu/);
    r = await runCli(
      [
        "users",
        "add",
        "ann2",
        "--email",
        "ann.a@uni.edu",
        "--role",
        "pi",
        "--password-stdin",
        "-c",
        "config.yaml",
      ],
      { cwd: ws.dir, stdin: "long enough password 1\n" },
    );
    equal(r.code, 0, r.stderr);
    equal(r.stderr.includes("warning"), false); // an alias of the directory
  } finally {
    await ws.cleanup();
  }
});
