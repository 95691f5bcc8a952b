/**
 * OpenChargeback 0.4 gaps on the web: the dashboard's quick actions (import,
 * review, close, statements: each only for roles that may and while the
 * period's state allows it) and the settings page showing the tag mapping and
 * the known sources of the config.
 */

import { equal, match } from "node:assert/strict";
import { seedCharges, setPeriodStatus } from "./seed_charges.ts";
import { send, sessionFor, webFixture } from "./web_harness.ts";
import { pageText } from "./web_pages_kit.ts";

const ONE = [{
  source: "aws",
  period: "2025-03",
  pi: "ann@uni.edu",
  project: "physics",
  billed: "45.25",
  list: "45.25",
  status: "pending" as const,
  flags: ["pattern:gpu"],
}];

Deno.test("web dashboard: quick actions follow the role and the period's state", async () => {
  const f = await webFixture();
  try {
    seedCharges(f.db, ONE);
    const get = async (who: string) =>
      await (await send(f, "GET", "/?period=2025-03", { as: sessionFor(f, who) })).text();
    const rita = await get("rita");
    match(rita, /id="qa-import"/);
    match(
      rita,
      /<a class="button secondary" href="\/review\?period=2025-03" id="qa-review">Review 1 awaiting/,
    );
    match(rita, /href="\/periods\/2025-03\?period=2025-03" id="qa-close">Close 2025-03…/);
    const vic = await get("vic");
    equal(vic.includes('aria-label="Quick actions"'), true); // review is open to viewers
    equal(/id="qa-(import|close|statements)"/.test(vic), false);
    setPeriodStatus(f.db, "2025-03", "closed");
    const closed = await get("rita");
    equal(closed.includes('id="qa-close"'), false, "a closed period offers no Close");
    setPeriodStatus(f.db, "2025-03", "finalized");
    equal((await get("rita")).includes('id="qa-import"'), false, "nothing imports into it");
    equal((await get("pat")).includes("Quick actions"), false, "a PI gets none");
  } finally {
    await f.close();
  }
});

Deno.test("web settings: tag mapping and known sources from the config", async () => {
  const f = await webFixture({
    tweak: (c) => {
      c.tag_mapping.fund_org = "billing_fund";
      c.imports.known_sources = [{
        name: "hpc",
        pattern: "hpc_*.csv",
        fund_org: "RC-HPC-01",
        account_code: "4510",
        display_name: "HPC cluster",
      }];
    },
  });
  try {
    const text = await pageText(await send(f, "GET", "/settings", { as: sessionFor(f, "vic") }));
    match(text, /Tag mapping .* PI email pi_email .* Fund\/org billing_fund /);
    match(text, /Known sources .* hpc HPC cluster hpc_\*\.csv RC-HPC-01 4510 /);
  } finally {
    await f.close();
  }
});
