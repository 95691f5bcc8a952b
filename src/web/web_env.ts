/** Types shared by the web app: its dependencies and what each request carries. */

import { canonicalPiEmail } from "../attribution/mod.ts";
import type { Context } from "hono";
import type { AppContext } from "../app_context.ts";
import type { Config } from "../config/mod.ts";
import { type DataScope, scopeOf } from "../charges/mod.ts";
import {
  type ActiveSession,
  type EffectiveUser,
  piScopeOf,
  type ThrottlePolicy,
  type UserRole,
} from "../users/mod.ts";

/** What createApp needs. */
export interface WebDeps {
  config: Config;
  db: AppContext["db"];
  /** The config file read (shown in Settings), or null for defaults. */
  configPath?: string | null;
  /** The clock (tests inject one to expire sessions). */
  now?: () => Date;
  /** Where request and error log lines go (default: stderr and logging.file). */
  log?: (line: string) => void;
  /** Login throttling limits. */
  throttle?: ThrottlePolicy;
  /** bcrypt cost of passwords set from the web (tests lower it). */
  bcryptCost?: number;
}

/** A role, or nobody signed in. */
export type Viewer = UserRole | "anonymous";

/** Per-request values set by the middleware. */
export interface WebVariables {
  deps: WebDeps;
  requestId: string;
  /** Services' context; actor is `web:<login>` (or `web:anonymous`). */
  app: AppContext;
  user: EffectiveUser | null;
  session: ActiveSession["session"] | null;
  /** True when the current role may GET this path (the route table decides). */
  canGet: (path: string) => boolean;
  /**
   * True when the current role may POST to this path (the route table
   * decides): pages show a form only to the roles that may submit it.
   */
  canPost: (path: string) => boolean;
}

/** The Hono environment of the app. */
export interface WebEnv {
  Variables: WebVariables;
  Bindings: { remoteAddr?: { hostname?: string } } | undefined;
}

/** The request context of a page handler. */
export type WebContext = Context<WebEnv>;

/**
 * The PI a request is limited to (the signed-in PI's email), undefined for
 * staff: for what a page shows or hides (a PI filter field, links).
 */
export function piScope(c: WebContext): string | undefined {
  const u = c.get("user");
  const email = u ? piScopeOf(u) : undefined;
  // a PI signed in with an alias email of the PI directory reads as the canonical PI
  return email === undefined ? undefined : canonicalPiEmail(c.get("app"), email);
}

/**
 * Whose charges this request may read: every read service of a page open to
 * the `pi` role takes it, so a PI sees only their own data.
 */
export function dataScope(c: WebContext): DataScope {
  return scopeOf(piScope(c));
}
