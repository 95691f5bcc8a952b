/**
 * Who a login is: database users plus the bootstrap users of `web.users`.
 * A config user is used when no database user has its name; a database user
 * of the same name wins, unless the config user has `recovery: true` (then the
 * config entry always wins, so a locked-out admin can get back in).
 */

import type { AppContext } from "../app_context.ts";
import { findUserByEmail, findUserByName, listUserRows, type UserRole } from "../storage/mod.ts";

/** A user as the web sees it, wherever it is defined. */
export interface EffectiveUser {
  name: string;
  email: string;
  displayName: string;
  role: UserRole;
  origin: "database" | "config";
  disabled: boolean;
  /** Only for password checks; never shown. */
  passwordHash: string;
  recovery: boolean;
}

type ConfigUsers = AppContext["config"]["web"]["users"];

function configUser(users: ConfigUsers, name: string): EffectiveUser | undefined {
  const key = Object.keys(users).find((k) => k.toLowerCase() === name.trim().toLowerCase());
  if (key === undefined) return undefined;
  const u = users[key];
  return {
    name: key,
    email: u.email.trim().toLowerCase(),
    displayName: u.display_name || key,
    role: u.role,
    origin: "config",
    disabled: false,
    passwordHash: u.password_hash,
    recovery: u.recovery,
  };
}

/** The effective user with this name (any case), or undefined. */
export function findEffectiveUser(ctx: AppContext, name: string): EffectiveUser | undefined {
  const fromConfig = configUser(ctx.config.web.users, name);
  if (fromConfig?.recovery) return fromConfig;
  const row = findUserByName(ctx.db, name);
  if (row) {
    return {
      name: row.name,
      email: row.email,
      displayName: row.display_name || row.name,
      role: row.role,
      origin: "database",
      disabled: row.disabled_at !== null,
      passwordHash: row.password_hash,
      recovery: false,
    };
  }
  return fromConfig;
}

/** The effective user a login (user name, or else email) names, or undefined. */
export function findUserByLogin(ctx: AppContext, login: string): EffectiveUser | undefined {
  const byName = findEffectiveUser(ctx, login);
  if (byName) return byName;
  const email = login.trim().toLowerCase();
  if (!email.includes("@")) return undefined;
  const row = findUserByEmail(ctx.db, email);
  if (row) return findEffectiveUser(ctx, row.name);
  const key = Object.entries(ctx.config.web.users)
    .find(([, u]) => u.email.trim().toLowerCase() === email)?.[0];
  return key === undefined ? undefined : findEffectiveUser(ctx, key);
}

/** Every user (database and config), by name; a config user hidden by a database one is left out. */
export function listEffectiveUsers(ctx: AppContext): EffectiveUser[] {
  const names = new Map<string, string>();
  for (const r of listUserRows(ctx.db)) names.set(r.name.toLowerCase(), r.name);
  for (const k of Object.keys(ctx.config.web.users)) {
    if (!names.has(k.toLowerCase())) names.set(k.toLowerCase(), k);
  }
  return [...names.values()].map((n) => findEffectiveUser(ctx, n)!)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The PI a user is limited to: the lower-cased email of a `pi` user, undefined
 * for staff roles. Every data query of a page must pass it on.
 */
export function piScopeOf(user: { role: UserRole; email: string }): string | undefined {
  return user.role === "pi" ? user.email.trim().toLowerCase() : undefined;
}
