/** GET /health: `{"status":"ok"}` when the database answers; nothing about paths or config. */

import { databaseAnswers } from "../../settings/mod.ts";
import type { WebContext } from "../web_env.ts";

/** Liveness and database check for load balancers and monitors. */
export function health(c: WebContext): Response {
  if (databaseAnswers(c.get("app"))) return c.json({ status: "ok" });
  return c.json({ status: "unavailable" }, 503);
}
