/**
 * Issue 19, item 4 (CLI): close and export-journal refuse while charges await
 * review unless --allow-pending; a rejection can be reopened (audited) while
 * its period is open. The standard scenario: 2025-01 has 3 pending charges
 * (3, 5, 10) and one rejected (6).
 */

import { deepEqual, equal, match } from "node:assert/strict";
import { seededWorkspace } from "./seed_charges.ts";

Deno.test("export-journal: pending charges refuse the export unless --allow-pending or --include-pending", async () => {
  const ws = await seededWorkspace();
  try {
    const refused = await ws.run(["export-journal", "-p", "2025-01", "-o", "j.csv"]);
    equal(refused.code, 1);
    equal(
      refused.stderr,
      "error: journal export of 2025-01 refused: 3 charges await review and would be left out; " +
        "nothing was written. Approve or reject them (openchargeback review list -p 2025-01), " +
        "or pass --allow-pending to leave them out, or --include-pending to bill them.\n",
    );
    equal(await exists(`${ws.dir}/j.csv`), false);
    const allowed = await ws.run([
      "export-journal",
      "-p",
      "2025-01",
      "-o",
      "j.csv",
      "--allow-pending",
      "--json",
    ]);
    equal(allowed.code, 0, allowed.stderr);
    equal(allowed.json<{ pendingExcluded: number }>().pendingExcluded, 3);
    equal(
      allowed.stderr,
      "note: 3 charges awaiting review are not in this journal (--allow-pending).\n",
    );
    // a period with nothing pending needs no flag
    const clean = await ws.run(["export-journal", "-p", "2025-02", "-o", "k.csv"]);
    equal(clean.code, 0, clean.stderr);
    equal(clean.stderr, "");
  } finally {
    await ws.cleanup();
  }
});

Deno.test("review reopen: a rejection goes back to the queue (audited), only while the period is open", async () => {
  const ws = await seededWorkspace();
  try {
    const noNote = await ws.run(["review", "reopen", "--id", "6"]);
    equal(noNote.code, 2);
    const notRejected = await ws.run(["review", "reopen", "--id", "3,6", "--note", "x"]);
    equal(notRejected.code, 1);
    equal(
      notRejected.stderr,
      "error: nothing changed: charge 3 (pending) is not rejected. Only a rejected charge can be reopened.\n",
    );
    // approving a rejection says how to reopen it
    const approve = await ws.run(["review", "approve", "--id", "6"]);
    equal(approve.code, 1);
    match(approve.stderr, /Reopen a rejection first with: openchargeback review reopen --id N/);

    await ws.run(["periods", "close", "2025-01", "--allow-pending"]);
    const closed = await ws.run(["review", "reopen", "--id", "6", "--note", "by mistake"]);
    equal(closed.code, 1);
    equal(
      closed.stderr,
      "error: review reopen refused: period 2025-01 (closed) is not open. Reopen it first: " +
        "openchargeback periods reopen 2025-01 --reason '...'.\n",
    );
    await ws.run(["periods", "reopen", "2025-01", "--reason", "reopen a rejection"]);
    const r = await ws.run(["review", "reopen", "--id", "6", "--note", "by mistake", "--json"]);
    equal(r.code, 0, r.stderr);
    const out = r.json<Record<string, unknown>>();
    deepEqual(
      [out.decision, out.count, out.ids, out.periods, out.billedCost, out.note],
      ["reopened", 1, [6], ["2025-01"], "7.00", "by mistake"],
    );
    const list = await ws.run(["review", "list", "-p", "2025-01", "--json"]);
    deepEqual(list.json<{ id: number }[]>().map((c) => c.id).sort((a, b) => a - b), [3, 5, 6, 10]);
    const ok = await ws.run(["review", "approve", "--id", "6", "--note", "fine after all"]);
    equal(ok.code, 0, ok.stderr);
    const db = ws.openDb();
    try {
      const a = db.all<{ action: string; entity_id: string; details: string }>(
        "SELECT action, entity_id, details FROM audit_log WHERE action LIKE 'review.%' ORDER BY id",
      );
      deepEqual(a.map((x) => [x.action, x.entity_id]), [
        ["review.reopen", "6"],
        ["review.approve", "6"],
      ]);
      equal(JSON.parse(a[0].details).note, "by mistake");
      const decisions = db.all<{ decision: string }>(
        "SELECT decision FROM review_decisions WHERE charge_id = 6 ORDER BY id",
      ).map((d) => d.decision);
      deepEqual(decisions, ["approved"], "the seed wrote no decision row; reopen adds none");
    } finally {
      db.close();
    }
  } finally {
    await ws.cleanup();
  }
});

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}
