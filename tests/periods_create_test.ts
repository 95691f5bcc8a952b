/**
 * Creating a period by hand (OpenChargeback 0.4 had it): `periods create P`
 * on the real CLI and the web form on /periods, both through createPeriod:
 * open, audited, refused when it exists or is not YYYY-MM, refused to viewers.
 */

import { equal, match } from "node:assert/strict";
import { seededWorkspace } from "./seed_charges.ts";
import { send, sessionFor, webFixture } from "./web_harness.ts";
import { pageText } from "./web_pages_kit.ts";

Deno.test("periods create: CLI creates an open, empty period, audited; twice is refused", async () => {
  const ws = await seededWorkspace();
  try {
    const r = await ws.run(["periods", "create", "2026-01", "--json"]);
    equal(r.code, 0, r.stderr);
    const s = r.json<Record<string, unknown>>();
    equal(s.period, "2026-01");
    equal(s.status, "open");
    equal(s.charges, 0);
    const list = await ws.run(["periods", "list"]);
    match(list.stdout, /\n2026-01 +open +0 +0 /);
    const again = await ws.run(["periods", "create", "2026-01"]);
    equal(again.code, 1);
    match(again.stderr, /period 2026-01 already exists \(open\)/);
    const bad = await ws.run(["periods", "create", "2026-13"]);
    equal(bad.code, 1);
    const audit = await ws.run(["audit", "list", "--json"]);
    match(audit.stdout, /"action": ?"period\.create"/);
  } finally {
    await ws.cleanup();
  }
});

Deno.test("periods create: the web form creates the period; a viewer cannot", async () => {
  const f = await webFixture();
  try {
    const rita = sessionFor(f, "rita");
    const page = await (await send(f, "GET", "/periods", { as: rita })).text();
    match(page, /id="period-create"/);
    const res = await send(f, "POST", "/periods", { as: rita, form: { period: "2025-04" } });
    equal(res.status, 303);
    equal(res.headers.get("location"), "/periods/2025-04?period=2025-04&m=create");
    const row = f.db.get<{ status: string }>("SELECT status FROM periods WHERE period = '2025-04'");
    equal(row?.status, "open");
    const audit = f.db.get<{ actor: string }>(
      "SELECT actor FROM audit_log WHERE action = 'period.create' AND entity_id = '2025-04'",
    );
    equal(audit?.actor, "web:rita");
    const twice = await send(f, "POST", "/periods", { as: rita, form: { period: "2025-04" } });
    equal(twice.status, 400);
    match(await pageText(twice), /period 2025-04 already exists \(open\)/);
    const vic = sessionFor(f, "vic");
    equal(
      (await send(f, "POST", "/periods", { as: vic, form: { period: "2025-05" } })).status,
      403,
    );
    const vicPage = await (await send(f, "GET", "/periods", { as: vic })).text();
    equal(vicPage.includes('id="period-create"'), false);
  } finally {
    await f.close();
  }
});
