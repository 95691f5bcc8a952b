/** The session cookie `oc_session`: HttpOnly, SameSite=Lax, Secure unless dev mode on plain http to localhost. */

import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { WebContext } from "../web_env.ts";

/** The session cookie's name. */
export const SESSION_COOKIE = "oc_session";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/**
 * True when cookies must carry `Secure`: always, except in dev mode when the
 * request is plain http to a loopback host (a developer's own machine).
 */
export function cookieMustBeSecure(c: WebContext): boolean {
  const url = new URL(c.req.url);
  if (url.protocol === "https:") return true;
  return !(c.get("deps").config.dev_mode && LOOPBACK.has(url.hostname));
}

/** The session id the browser sent, if any. */
export function readSessionCookie(c: WebContext): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/** Set the session cookie (expires with the session's absolute lifetime). */
export function writeSessionCookie(c: WebContext, id: string, expiresAt: string): void {
  setCookie(c, SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: "Lax",
    secure: cookieMustBeSecure(c),
    path: "/",
    expires: new Date(expiresAt),
  });
}

/** Remove the session cookie. */
export function clearSessionCookie(c: WebContext): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: cookieMustBeSecure(c) });
}
