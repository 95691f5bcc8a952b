/** GET /health: `{"status":"ok"}` when the database answers; nothing about paths or config. */

import type { WebContext } from "../web_env.ts";

/** Liveness and database check for load balancers and monitors. */
export function health(c: WebContext): Response {
  try {
    c.get("deps").db.get("SELECT 1 AS ok");
    return c.json({ status: "ok" });
  } catch {
    return c.json({ status: "unavailable" }, 503);
  }
}
