/**
 * The first middleware: request id, the per-request service context, security
 * headers on every response, and one log line per request.
 */

import type { MiddlewareHandler } from "hono";
import { randomBytes } from "node:crypto";
import type { WebLogger } from "../logger.ts";
import type { WebDeps, WebEnv } from "../web_env.ts";

/** The Content-Security-Policy of every response: no inline scripts, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "base-uri 'none'",
].join("; ");

/** Headers set on every response. */
export const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};

/** Set up the request and, after it, add headers and log it. */
export function requestFrame(deps: WebDeps, logger: WebLogger): MiddlewareHandler<WebEnv> {
  const now = deps.now ?? (() => new Date());
  return async (c, next) => {
    const started = performance.now();
    c.set("deps", deps);
    c.set("requestId", randomBytes(6).toString("hex"));
    c.set("user", null);
    c.set("session", null);
    c.set("canGet", () => false);
    c.set("canPost", () => false);
    c.set("app", {
      config: deps.config,
      configPath: deps.configPath ?? null,
      db: deps.db,
      actor: "web:anonymous",
      now,
    });
    await next();
    const h = c.res.headers;
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) h.set(k, v);
    if (!h.has("Cache-Control")) h.set("Cache-Control", "no-store");
    logger.log(c.res.status >= 500 ? "ERROR" : "INFO", "http_request", {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
      user: c.get("user")?.name ?? "-",
      request_id: c.get("requestId"),
    });
  };
}
