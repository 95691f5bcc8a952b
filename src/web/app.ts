/**
 * The web app factory: Hono with server-rendered hono/jsx pages. Tests call
 * `createApp(deps).request(...)` without a server; `openchargeback serve`
 * wraps it in Deno.serve.
 */

import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { explainError } from "../app_context.ts";
import { DatabaseBusyError, NotFoundError, UserError } from "../domain/errors.ts";
import { createLogger, defaultLogSink } from "./logger.ts";
import { authorize, loadSession, sameOriginOnly } from "./middleware/access_control.ts";
import { requestFrame } from "./middleware/request_frame.ts";
import { bodyDeadline } from "./middleware/body_deadline.ts";
import { errorPage, notFoundPage } from "./pages/error_pages.tsx";
import { canAccess, ROUTES } from "./route_table.ts";
import type { WebDeps, WebEnv } from "./web_env.ts";

/** Paths served without looking up a session. */
const SESSIONLESS = /^\/(static\/|health$)/;

/** Build the web app over an open database and a loaded config. */
export function createApp(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const logger = createLogger(deps.config, deps.log ?? defaultLogSink(deps.config));
  const session = loadSession();
  app.use("*", requestFrame(deps, logger));
  app.use("*", async (c, next) => {
    if (!SESSIONLESS.test(c.req.path)) await session(c, next);
    else await next();
  });
  app.use("*", async (c, next) => {
    const role = c.get("user")?.role ?? "anonymous";
    c.set("canGet", (path: string) => canAccess(role, "GET", path.split("?")[0]));
    c.set("canPost", (path: string) => canAccess(role, "POST", path.split("?")[0]));
    await next();
  });
  app.use("*", sameOriginOnly());
  app.use(
    "*",
    bodyLimit({
      maxSize: deps.config.web.max_upload_mb * 1024 * 1024,
      onError: (c) =>
        errorPage(
          c,
          413,
          "Too large",
          `The upload is larger than the limit of ${deps.config.web.max_upload_mb} MB.`,
          "Split the file, or raise web.max_upload_mb in the config.",
        ),
    }),
  );
  app.use(
    "*",
    bodyDeadline({
      idleMs: deps.config.web.request_body_idle_seconds * 1000,
      totalMs: deps.config.web.request_body_total_seconds * 1000,
    }),
  );
  for (const route of ROUTES) {
    app.on(route.method, route.path, authorize(route.roles), route.handler);
  }
  app.notFound((c) => notFoundPage(c));
  app.onError((error, c) => {
    const err = explainError(error);
    if (err instanceof DatabaseBusyError) return errorPage(c, 503, "Busy", err.webLine());
    if (err instanceof NotFoundError) return errorPage(c, 404, "Not found", err.webLine());
    if (err instanceof UserError) return errorPage(c, 400, "Cannot do that", err.webLine());
    logger.log("ERROR", "http_error", {
      request_id: c.get("requestId"),
      method: c.req.method,
      path: c.req.path,
      error: (err as Error)?.message ?? String(err),
      stack: (err as Error)?.stack?.split("\n").slice(0, 4).join(" | "),
    });
    return errorPage(
      c,
      500,
      "Something went wrong",
      "The server could not complete this request.",
      "It has been logged; quote the request id when reporting it.",
    );
  });
  return app;
}
