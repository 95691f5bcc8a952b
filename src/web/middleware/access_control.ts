/**
 * Who may do what: the session is loaded once per request, unsafe methods must
 * come from our own origin, and every route's roles are checked by
 * `authorize(entry)` from the one route table (src/web/route_table.ts).
 */

import type { MiddlewareHandler } from "hono";
import { timingSafeEqual } from "node:crypto";
import { resolveSession, type UserRole } from "../../users/mod.ts";
import { forbiddenPage } from "../pages/error_pages.tsx";
import type { WebEnv } from "../web_env.ts";
import { readSessionCookie } from "./session_cookie.ts";

/** Methods that may change state: they need the CSRF token and our Origin. */
export const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Roles of a route, or "public" (no session needed: login, health, static assets). */
export type RouteRoles = readonly UserRole[] | "public";

/** Load the session from the cookie and set user, session and the service actor. */
export function loadSession(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const app = c.get("app");
    const active = resolveSession(app, readSessionCookie(c));
    if (active) {
      c.set("user", active.user);
      c.set("session", active.session);
      c.set("app", { ...app, actor: `web:${active.user.name}` });
    }
    await next();
  };
}

/**
 * Refuse a state-changing request whose Origin (or, without one, Referer) is
 * not this server's host. A browser always sends one of them on a form POST.
 */
export function sameOriginOnly(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    if (UNSAFE_METHODS.has(c.req.method)) {
      const host = c.req.header("Host") ?? new URL(c.req.url).host;
      const from = c.req.header("Origin") ?? c.req.header("Referer");
      let fromHost: string | null = null;
      try {
        fromHost = from && from !== "null" ? new URL(from).host : null;
      } catch {
        fromHost = null;
      }
      if (fromHost === null || fromHost !== host) {
        return c.text("cross-origin request refused", 403);
      }
    }
    await next();
  };
}

/** True when the two strings are equal, in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The CSRF token a request carries: header X-CSRF-Token, else form field `_csrf`. */
export async function requestCsrfToken(c: Parameters<MiddlewareHandler<WebEnv>>[0]) {
  const header = c.req.header("X-CSRF-Token");
  if (header) return header;
  const type = c.req.header("Content-Type") ?? "";
  if (type.includes("form")) {
    const body = await c.req.parseBody();
    const v = body["_csrf"];
    return typeof v === "string" ? v : "";
  }
  return "";
}

/**
 * The role check of one route (from the route table): anonymous users are sent
 * to /login, other roles get 403, and unsafe methods need the session's CSRF token.
 */
export function authorize(roles: RouteRoles): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    if (roles === "public") return await next();
    const user = c.get("user");
    if (!user) {
      const back = c.req.method === "GET" ? `?next=${encodeURIComponent(c.req.path)}` : "";
      if (c.req.header("HX-Request")) {
        c.header("HX-Redirect", `/login${back}`);
        return c.body(null, 401);
      }
      return c.redirect(`/login${back}`, 303);
    }
    if (!roles.includes(user.role)) return forbiddenPage(c);
    if (UNSAFE_METHODS.has(c.req.method)) {
      const token = await requestCsrfToken(c);
      if (!token || !sameSecret(token, c.get("session")?.csrf_token ?? "")) {
        return c.text("missing or wrong CSRF token; reload the page and try again", 403);
      }
    }
    await next();
  };
}
