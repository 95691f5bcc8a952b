/** Sign in and sign out. */

import { randomBytes } from "node:crypto";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { UserError } from "../../domain/errors.ts";
import { attemptLogin, endSession, LoginThrottledError, startSession } from "../../users/mod.ts";
import { BarePage, Message } from "../components/layout.tsx";
import { clientAddress } from "../middleware/client_address.ts";
import { sameSecret } from "../middleware/access_control.ts";
import {
  clearSessionCookie,
  cookieMustBeSecure,
  readSessionCookie,
  writeSessionCookie,
} from "../middleware/session_cookie.ts";
import type { WebContext } from "../web_env.ts";

/** The pre-session CSRF cookie of the sign-in form (double submit). */
const LOGIN_COOKIE = "oc_login";

const NOTICES: Record<string, string> = {
  bye: "You are signed out.",
  changed: "Your password was changed. Sign in with the new one.",
  expired: "Your session ended. Sign in again.",
};

/** A local path to go to after sign-in ("/" when `next` is missing or points elsewhere). */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}

function loginForm(
  c: WebContext,
  opts: { error?: string; login?: string; status?: 200 | 401 | 403 | 429 },
) {
  let token = getCookie(c, LOGIN_COOKIE);
  if (!token || token.length > 64) {
    token = randomBytes(24).toString("base64url");
    setCookie(c, LOGIN_COOKIE, token, {
      httpOnly: true,
      sameSite: "Strict",
      secure: cookieMustBeSecure(c),
      path: "/login",
      maxAge: 3600,
    });
  }
  const notice = NOTICES[c.req.query("m") ?? ""];
  return c.html(
    <BarePage title="Sign in">
      <div class="panel login-box">
        <h1>Sign in to OpenChargeback</h1>
        <Message kind="notice" text={notice} />
        <Message kind="error" text={opts.error} />
        <form method="post" action="/login">
          <input type="hidden" name="_csrf" value={token} />
          <input type="hidden" name="next" value={safeNext(c.req.query("next"))} />
          <div class="field">
            <label for="login">User name or email</label>
            <input
              type="text"
              id="login"
              name="login"
              autocomplete="username"
              required
              autofocus
              value={opts.login ?? ""}
            />
          </div>
          <div class="field">
            <label for="password">Password</label>
            <input
              type="password"
              id="password"
              name="password"
              autocomplete="current-password"
              required
            />
          </div>
          <button type="submit">Sign in</button>
        </form>
      </div>
    </BarePage>,
    opts.status ?? 200,
  );
}

/** GET /login: the form (or the dashboard when already signed in). */
export function showLogin(c: WebContext) {
  if (c.get("user")) return c.redirect(safeNext(c.req.query("next")), 303);
  return loginForm(c, {});
}

/** POST /login: check the password (throttled, audited) and start a new session. */
export async function submitLogin(c: WebContext) {
  const body = await c.req.parseBody();
  const field = (k: string) => (typeof body[k] === "string" ? body[k] as string : "");
  const login = field("login").trim();
  const cookieToken = getCookie(c, LOGIN_COOKIE) ?? "";
  if (!cookieToken || !sameSecret(field("_csrf"), cookieToken)) {
    return loginForm(c, {
      error: "The sign-in form expired. Please try again.",
      status: 403,
      login,
    });
  }
  const app = c.get("app");
  try {
    const user = await attemptLogin(
      app,
      { login, password: field("password"), ip: clientAddress(c) },
      c.get("deps").throttle,
    );
    const old = readSessionCookie(c);
    if (old) endSession({ ...app, actor: `web:${user.name}` }, old);
    const s = startSession(app, user, {
      ip: clientAddress(c),
      userAgent: c.req.header("User-Agent") ?? "",
    });
    writeSessionCookie(c, s.id, s.expiresAt);
    deleteCookie(c, LOGIN_COOKIE, { path: "/login", secure: cookieMustBeSecure(c) });
    return c.redirect(safeNext(field("next")), 303);
  } catch (e) {
    if (e instanceof LoginThrottledError) {
      c.header("Retry-After", String(e.retryAfterSeconds));
      return loginForm(c, { error: e.webLine(), status: 429, login });
    }
    if (e instanceof UserError) return loginForm(c, { error: e.webLine(), status: 401, login });
    throw e;
  }
}

/** GET /logout: a sign-out button (GET never changes anything). */
export function showLogout(c: WebContext) {
  const session = c.get("session");
  if (!session) return c.redirect("/login", 303);
  return c.html(
    <BarePage title="Sign out">
      <div class="panel login-box">
        <h1>Sign out?</h1>
        <form method="post" action="/logout">
          <input type="hidden" name="_csrf" value={session.csrf_token} />
          <button type="submit">Sign out</button> <a href="/">Cancel</a>
        </form>
      </div>
    </BarePage>,
  );
}

/** POST /logout: end the session (audited) and clear the cookie. */
export function submitLogout(c: WebContext) {
  const id = readSessionCookie(c);
  if (id) endSession(c.get("app"), id);
  clearSessionCookie(c);
  return c.redirect("/login?m=bye", 303);
}
