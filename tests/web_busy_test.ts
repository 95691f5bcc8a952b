/**
 * A database held by another writer past the busy timeout: the web answers
 * with a 503 page that says so (and logs no internal error), not a 500.
 */

import { equal, match, ok } from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { send, sessionFor, webFixture } from "./web_harness.ts";

Deno.test("web: a database kept locked by another writer is a 503 'busy' page", async () => {
  const f = await webFixture();
  try {
    const admin = sessionFor(f, "admin");
    f.db.sql.exec("PRAGMA busy_timeout = 100");
    const holder = new DatabaseSync(f.config.database.path);
    try {
      holder.exec("BEGIN IMMEDIATE"); // another command's write lock
      const res = await send(f, "POST", "/logout", { as: admin });
      equal(res.status, 503);
      const html = await res.text();
      match(html, /the database is busy/);
      ok(!f.logs.some((l) => l.includes("http_error")), f.logs.join("\n"));
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    const after = await send(f, "GET", "/", { as: admin });
    equal(after.status, 200);
  } finally {
    await f.close();
  }
});
