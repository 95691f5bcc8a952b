/** The client's address, for throttling and the audit log. */

import type { WebContext } from "../web_env.ts";

/**
 * The remote address Deno.serve reports (passed as the request's env), or
 * "unknown" (in-process tests pass `{ remoteAddr: { hostname } }` as env).
 * Forwarded-for headers are not trusted: anyone can send them.
 */
export function clientAddress(c: WebContext): string {
  return c.env?.remoteAddr?.hostname ?? "unknown";
}
