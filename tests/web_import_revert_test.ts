/**
 * Issue 19, items 3 and 4 (web): the import page's Revert button asks for a
 * confirmation naming the charges and money, then reverts through the same
 * service as the CLI; it is not offered when the revert would be refused.
 */

import { equal, match } from "node:assert/strict";
import { runCli } from "./cli_harness.ts";
import { send, sessionFor, webFixture } from "./web_harness.ts";
import { pageText } from "./web_pages_kit.ts";

const HEAD = "BillingPeriodStart,BilledCost,ListCost,BillingCurrency,ServiceName,ResourceId,Tags";
const T = `"{""pi_email"":""ann@uni.edu"",""project_id"":""p1"",""fund_org"":""F-100""}"`;
const A = [
  `2025-01-01,100.00,100.00,USD,Compute,r-1,${T}`,
  `2025-01-01,20.25,20.25,USD,Disk,r-2,${T}`,
];
const B = [A[0], `2025-01-01,7.00,7.00,USD,Backup,r-4,${T}`];

Deno.test("web import revert: Revert asks with counts and money, then reverts (audited as the user)", async () => {
  const f = await webFixture();
  try {
    for (const [name, rows] of [["aws_a.csv", A], ["aws_b.csv", B]] as const) {
      await Deno.writeTextFile(`${f.dir}/${name}`, [HEAD, ...rows].join("\n") + "\n");
      const r = await runCli(["ingest", name, "-s", "aws", "-c", f.configPath], { cwd: f.dir });
      equal(r.code, 0, r.stderr);
    }
    const rita = sessionFor(f, "rita");
    const older = await pageText(await send(f, "GET", "/imports/1", { as: rita }));
    match(
      older,
      /Cannot be reverted now: import 1 cannot be reverted while a later delivery of the same source changed 2025-01: import 2\. Revert the newest first: open import #2 on the Imports page and press Revert\./,
    );
    equal(older.includes("Revert import #1"), false);
    const page = await pageText(await send(f, "GET", "/imports/2", { as: rita }));
    match(
      page,
      /Reverting import #2 removes 1 charge \(billed \$7\.00\) and brings back the 1 charge it replaced \(billed \$20\.25\) in 2025-01\./,
    );
    // viewers see no button and cannot post
    const vic = sessionFor(f, "vic");
    equal(
      (await pageText(await send(f, "GET", "/imports/2", { as: vic }))).includes("Revert import"),
      false,
    );
    equal(
      (await send(f, "POST", "/imports/2/revert", { as: vic, form: { note: "x" } })).status,
      403,
    );

    const noNote = await send(f, "POST", "/imports/2/revert", { as: rita });
    equal(noNote.status, 400);
    match(await pageText(noNote), /reverting an import needs a note\. Say why in the Note field/);

    const ask = await send(f, "POST", "/imports/2/revert", {
      as: rita,
      form: { note: "wrong file" },
    });
    equal(ask.status, 200);
    const askText = await pageText(ask);
    match(askText, /Revert import #2\?/);
    match(
      askText,
      /removes 1 charge \(billed \$7\.00\) and brings back the 1 charge it replaced \(billed \$20\.25\)/,
    );
    match(askText, /Revert import #2: remove 1 charge/);
    equal(f.db.get<{ n: number }>("SELECT count(*) AS n FROM charges")!.n, 2, "nothing yet");
    equal(f.db.all("SELECT * FROM audit_log WHERE action = 'import.revert'").length, 0);

    const done = await send(f, "POST", "/imports/2/revert", {
      as: rita,
      form: { note: "wrong file", confirm: "1" },
    });
    equal(done.status, 303);
    equal(done.headers.get("location"), "/imports/2?m=reverted");
    const rows = f.db.all<{ resource_id: string; billed_cost: number }>(
      "SELECT resource_id, billed_cost FROM charges ORDER BY id",
    );
    equal(
      rows.map((r) => `${r.resource_id}:${r.billed_cost}`).join(","),
      "r-1:100000000,r-2:20250000",
    );
    const audit = f.db.all<{ actor: string }>(
      "SELECT actor FROM audit_log WHERE action = 'import.revert'",
    );
    equal(audit.map((a) => a.actor).join(), "web:rita");
    const after = await pageText(await send(f, "GET", "/imports/2?m=reverted", { as: rita }));
    match(after, /Import reverted: its charges were removed and what it replaced is back\./);
    match(after, /Reverted 2025-02-03 10:00 by web:rita: wrong file/);
  } finally {
    await f.close();
  }
});
