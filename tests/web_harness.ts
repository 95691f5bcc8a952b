/**
 * In-process web test kit: a real SQLite file in a temp folder, the own 0.4-layout
 * config, createApp(), an adjustable clock, and helpers to sign in and send
 * same-origin requests with the CSRF token.
 */

import type { Hono } from "hono";
import type { AppContext } from "../src/app_context.ts";
import { type Config, loadConfig } from "../src/config/mod.ts";
import { type Database, openDatabase } from "../src/storage/mod.ts";
import { addUser, findEffectiveUser, startSession, type ThrottlePolicy } from "../src/users/mod.ts";
import { createApp } from "../src/web/app.ts";
import type { WebEnv } from "../src/web/web_env.ts";
import { tempWorkspace, write04Config } from "./cli_harness.ts";

/** The origin test requests are sent to. */
export const ORIGIN = "http://oc.test";
/** Password of the own test config's `admin` (tests/fixtures/month/config.yaml holds its bcrypt hash). */
export const ADMIN_PASSWORD = "admin123";
/** Password of the database users the fixture adds. */
export const USER_PASSWORD = "correct horse 1";
/** Email of the fixture's PI user (a pi_email of tests/fixtures/month/aws_2025-01.csv). */
export const PI_EMAIL = "ada.quill@northfield.edu";

/** A web app over a fresh database. */
export interface WebFixture {
  app: Hono<WebEnv>;
  db: Database;
  config: Config;
  dir: string;
  configPath: string;
  /** Milliseconds since the epoch of the injected clock; move it to expire sessions. */
  clock: { t: number };
  logs: string[];
  ctx: (actor?: string) => AppContext;
  close: () => Promise<void>;
}

/** Options of webFixture. */
export interface FixtureOptions {
  throttle?: ThrottlePolicy;
  /** Change the loaded config before the app is built. */
  tweak?: (c: Config) => void;
  /** Add reviewer, viewer and pi database users (default true). */
  users?: boolean;
}

/** Build the fixture: the own 0.4-layout config (admin/admin123 recovery user), plus reviewer/viewer/pi users. */
export async function webFixture(opts: FixtureOptions = {}): Promise<WebFixture> {
  const { dir, cleanup } = await tempWorkspace("oc-web-");
  const configPath = await write04Config(dir);
  const { config } = loadConfig(configPath, () => undefined);
  opts.tweak?.(config);
  const db = openDatabase(config.database.path);
  const clock = { t: Date.parse("2025-02-03T10:00:00Z") };
  const now = () => new Date(clock.t);
  const logs: string[] = [];
  const ctx = (actor = "test") => ({ config, configPath, db, actor, now });
  if (opts.users !== false) {
    for (
      const [name, role, email] of [
        ["rita", "reviewer", "rita@example.edu"],
        ["vic", "viewer", "vic@example.edu"],
        ["pat", "pi", PI_EMAIL],
      ]
    ) addUser(ctx(), { name, email, role, password: USER_PASSWORD }, 4);
  }
  const app = createApp({
    config,
    db,
    configPath,
    now,
    log: (l) => logs.push(l),
    throttle: opts.throttle,
    bcryptCost: 4,
  });
  return {
    app,
    db,
    config,
    dir,
    configPath,
    clock,
    logs,
    ctx,
    close: async () => {
      db.close();
      await cleanup();
    },
  };
}

/** A signed-in browser: its cookie header and CSRF token. */
export interface Browser {
  cookie: string;
  csrf: string;
}

/** Start a session for `name` directly (no bcrypt round), as a browser would hold it. */
export function sessionFor(f: WebFixture, name: string): Browser {
  const user = findEffectiveUser(f.ctx(), name);
  if (!user) throw new Error(`no user ${name}`);
  const s = startSession(f.ctx(), user, { ip: "127.0.0.1", userAgent: "test" });
  return { cookie: `oc_session=${s.id}`, csrf: s.csrfToken };
}

/** Options of send. */
export interface SendOptions {
  as?: Browser;
  form?: Record<string, string>;
  /** CSRF token to send (default: the browser's); null sends none. */
  csrf?: string | null;
  /** Origin header (default ORIGIN); null sends none. */
  origin?: string | null;
  ip?: string;
  headers?: Record<string, string>;
  cookie?: string;
}

/** Send a request to the app; POST forms carry `_csrf` and a same-site Origin by default. */
export function send(
  f: WebFixture,
  method: string,
  path: string,
  o: SendOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...o.headers };
  const cookies = [o.as?.cookie, o.cookie].filter(Boolean).join("; ");
  if (cookies) headers["Cookie"] = cookies;
  let body: string | undefined;
  if (method !== "GET") {
    const origin = o.origin === undefined ? ORIGIN : o.origin;
    if (origin !== null) headers["Origin"] = origin;
    const form = new URLSearchParams(o.form ?? {});
    const csrf = o.csrf === undefined ? o.as?.csrf : o.csrf;
    if (csrf) form.set("_csrf", csrf);
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    body = form.toString();
  }
  return Promise.resolve(
    f.app.request(`${ORIGIN}${path}`, { method, headers, body }, {
      remoteAddr: { hostname: o.ip ?? "10.0.0.1" },
    }),
  );
}

/** Sign in through the login form (GET /login for its token, then POST). Returns the response. */
export async function signIn(
  f: WebFixture,
  login: string,
  password: string,
  ip = "10.0.0.1",
): Promise<{ res: Response; browser: Browser | null }> {
  const page = await send(f, "GET", "/login", { ip });
  const loginCookie = /oc_login=([^;]+)/.exec(page.headers.get("set-cookie") ?? "")?.[1] ?? "";
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  const res = await send(f, "POST", "/login", {
    cookie: `oc_login=${loginCookie}`,
    csrf: token,
    form: { login, password, next: "/" },
    ip,
  });
  const sid = /oc_session=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
  if (res.status !== 303 || !sid) return { res, browser: null };
  const home = await send(f, "GET", "/", { cookie: `oc_session=${sid}` });
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(await home.text())?.[1] ?? "";
  return { res, browser: { cookie: `oc_session=${sid}`, csrf } };
}
