import { deepEqual, equal, match } from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { MONTH } from "./cli_harness.ts";
import { ingestWorkspace, writeFile } from "./ingest_helpers.ts";

const HEAD = "BillingPeriodStart,BilledCost,ServiceName,Tags";
const GOOD =
  '2025-01-01,10.00,Svc,"{""pi_email"":""a@x.edu"",""project_id"":""p"",""fund_org"":""F""}"';

Deno.test("ingest refusals name file, line and column; nothing is stored", async () => {
  const ws = await ingestWorkspace();
  try {
    const ok = await ws.ingest([`${MONTH}aws_2025-01.csv`, "-s", "aws"]);
    equal(ok.code, 0, ok.stderr);
    const count = () => ws.query<{ n: number }>("SELECT count(*) AS n FROM charges")[0].n;
    const imports = () => ws.query<{ n: number }>("SELECT count(*) AS n FROM imports")[0].n;
    equal(count(), 8);
    const cases: [string, string | Uint8Array, RegExp][] = [
      [
        "dots.csv",
        `${HEAD}\n${GOOD}\n2025-01-01,12..5,Svc,\n`,
        /dots\.csv:3: column BilledCost: '12\.\.5' is not a number/,
      ],
      [
        "abc.csv",
        `${HEAD}\n2025-01-01,abc,Svc,\n`,
        /abc\.csv:2: column BilledCost: 'abc' is not a number/,
      ],
      [
        "month.csv",
        `${HEAD}\n${GOOD}\n${GOOD}\n2025-13-45,1,Svc,\n`,
        /month\.csv:4: column BillingPeriodStart: '2025-13-45' is not a datetime/,
      ],
      [
        "garbage.csv",
        `${HEAD}\ngarbage,1,Svc,\n`,
        /garbage\.csv:2: column BillingPeriodStart: 'garbage' is not a datetime/,
      ],
      [
        "nobilled.csv",
        "BillingPeriodStart,ListCost\n2025-01-01,1\n",
        /nobilled\.csv:1: column BilledCost: required column BilledCost is missing/,
      ],
      [
        "dup.csv",
        "BillingPeriodStart,BilledCost,billedcost\n2025-01-01,1,1\n",
        /dup\.csv:1: column billedcost: duplicate column name/,
      ],
      [
        "fields.csv",
        `${HEAD}\n${GOOD}\n2025-01-01,1\n`,
        /fields\.csv:3: the row has 2 fields, the header has 4/,
      ],
      [
        "quote.csv",
        `${HEAD}\n${GOOD}\n2025-01-01,1,"unterminated,\n`,
        /quote\.csv:3: unterminated quoted field/,
      ],
      [
        "binary.csv",
        new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
        /binary\.csv:1: the file is not valid UTF-8/,
      ],
      ["empty.csv", "", /empty\.csv:1: empty file, no header/],
    ];
    for (const [name, content, expected] of cases) {
      const path = `${ws.dir}/${name}`;
      if (typeof content === "string") await Deno.writeTextFile(path, content);
      else await Deno.writeFile(path, content);
      const r = await ws.ingest([path, "-s", "aws"]);
      equal(r.code, 1, `${name}: ${r.stderr}`);
      match(r.stderr, expected, name);
      match(r.stderr, /^error: /);
      equal(count(), 8, name);
      equal(imports(), 1, name);
    }
    // one bad file refuses the whole delivery, the good file included
    const good = await writeFile(ws.dir, "good.csv", `${HEAD}\n${GOOD}\n`);
    const r = await ws.ingest([good, `${ws.dir}/abc.csv`, "-s", "other"]);
    equal(r.code, 1);
    equal(ws.query("SELECT * FROM sources WHERE name = 'other'").length, 0);
    // refused deliveries are kept in the record with their files and errors (import history)
    const refused = ws.query<{ details: string }>(
      "SELECT details FROM audit_log WHERE action = 'import.refused' ORDER BY id",
    ).map((r) => JSON.parse(r.details));
    equal(refused.length, cases.length + 1);
    deepEqual(refused.at(-1).files, [good, `${ws.dir}/abc.csv`]);
    match(refused.at(-1).error, /abc\.csv:2: column BilledCost/);
    // a missing file is a one-line error
    const missing = await ws.ingest(["nope.csv", "-s", "aws"]);
    equal(missing.code, 1);
    match(missing.stderr, /file not found: nope\.csv/);
    // no -s is a usage error
    equal((await ws.ingest([good])).code, 2);
  } finally {
    await ws.cleanup();
  }
});

Deno.test("ingest: the first 20 errors are listed; .csv.gz is read", async () => {
  const ws = await ingestWorkspace();
  try {
    const lines = [HEAD];
    for (let i = 0; i < 30; i++) lines.push(`2025-01-01,x${i},Svc,`);
    const bad = await writeFile(ws.dir, "many.csv", lines.join("\n") + "\n");
    const r = await ws.ingest([bad, "-s", "aws"]);
    equal(r.code, 1);
    // the error line names the first error; the other 19 are listed under it (each once)
    const listed = r.stderr.trim().split("\n").slice(1);
    equal(listed.length, 19);
    match(
      r.stderr.split("\n")[0],
      /^error: \S*many\.csv:2: column BilledCost: 'x0' is not a number/,
    );
    match(listed[0], /many\.csv:3: column BilledCost: 'x1' is not a number/);
    match(listed[18], /many\.csv:21: column BilledCost: 'x19' is not a number/);
    equal(r.stderr.split("'x0' is not a number").length - 1, 1);
    match(r.stderr, /20 or more errors; nothing was stored/);
    const gz = `${ws.dir}/good.csv.gz`;
    await Deno.writeFile(gz, gzipSync(new TextEncoder().encode(`${HEAD}\r\n${GOOD}\r\n`)));
    const ok = await ws.ingest([gz, "-s", "aws", "--json"]);
    equal(ok.code, 0, ok.stderr);
    equal(ok.json<{ rows: number }>().rows, 1);
  } finally {
    await ws.cleanup();
  }
});
