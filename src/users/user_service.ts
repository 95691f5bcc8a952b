/** Managing database users: add, change password, disable/enable, change role. All audited. */

import { audit } from "../audit/mod.ts";
import type { AppContext } from "../app_context.ts";
import { NotFoundError, RuleError, UserError } from "../domain/errors.ts";
import {
  anyChargeOfPi,
  deleteUserSessions,
  findPiRow,
  findUserByEmail,
  findUserByName,
  insertUser,
  updateUserDisabled,
  updateUserPassword,
  updateUserRole,
  type UserRole,
} from "../storage/mod.ts";
import { assertPasswordPolicy, BCRYPT_COST, hashPassword } from "./passwords.ts";
import { type EffectiveUser, listEffectiveUsers } from "./user_directory.ts";

/** The roles, most powerful first. */
export const ROLES: readonly UserRole[] = ["admin", "reviewer", "viewer", "pi"];

/** What addUser needs. */
export interface AddUserInput {
  name: string;
  email: string;
  role: string;
  password: string;
  displayName?: string;
}

/** A user as listed (no hash). */
export interface UserSummary {
  name: string;
  email: string;
  displayName: string;
  role: UserRole;
  disabled: boolean;
  origin: "database" | "config";
  recovery: boolean;
}

/** Check a role name, or throw a UserError. */
export function parseRole(role: string): UserRole {
  const r = role.trim().toLowerCase();
  if (!(ROLES as string[]).includes(r)) {
    throw new UserError(`'${role}' is not a role.`, { hint: `Use one of ${ROLES.join(", ")}.` });
  }
  return r as UserRole;
}

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Add a database user (the password must meet `web.password_requirements`). */
export function addUser(ctx: AppContext, input: AddUserInput, cost = BCRYPT_COST): UserSummary {
  const name = input.name.trim();
  const email = input.email.trim().toLowerCase();
  if (!NAME_RE.test(name)) {
    throw new UserError(`'${input.name}' is not a valid user name.`, {
      hint: "Use letters, digits, '.', '_' or '-' (up to 64), starting with a letter or digit.",
    });
  }
  if (!EMAIL_RE.test(email)) {
    throw new UserError(`'${input.email}' is not an email address.`, {
      hint: "Give --email name@example.edu.",
    });
  }
  const role = parseRole(input.role);
  assertNotConfigUser(ctx, name, email);
  assertPasswordPolicy(input.password, ctx.config.web.password_requirements);
  const hash = hashPassword(input.password, cost);
  const at = ctx.now().toISOString();
  return ctx.db.transaction(() => {
    if (findUserByName(ctx.db, name)) {
      throw new RuleError(`user '${name}' already exists.`, {
        hint: "Choose another name, or change that user with `users passwd` / `users role`.",
        webHint: "Choose another name, or change that user in its row of the table above " +
          "(Set role, Reset password).",
      });
    }
    if (findUserByEmail(ctx.db, email)) {
      throw new RuleError(`another user already has the email ${email}.`);
    }
    const row = insertUser(
      ctx.db,
      { name, email, role, displayName: input.displayName?.trim() ?? "", passwordHash: hash },
      at,
    );
    audit(ctx, "user.add", { email, role }, { entity: "user", entityId: row.name, at });
    return summary(row.name, ctx);
  });
}

/**
 * A warning for a `pi` user whose email matches no PI of the directory
 * (canonical or alias) and no charge: they would see nothing. Null otherwise.
 */
export function piUserWarning(ctx: AppContext, role: string, email: string): string | null {
  if (role.trim().toLowerCase() !== "pi") return null;
  const e = email.trim().toLowerCase();
  if (findPiRow(ctx.db, e) || anyChargeOfPi(ctx.db, e)) return null;
  return `no PI in the directory and no charge has the email ${e}: this PI user sees nothing ` +
    "until charges carry it (check the spelling, or add the PI: openchargeback pis import).";
}

function dbUser(ctx: AppContext, name: string) {
  const row = findUserByName(ctx.db, name);
  if (!row) {
    const inConfig = Object.keys(ctx.config.web.users).some((k) =>
      k.toLowerCase() === name.trim().toLowerCase()
    );
    throw new NotFoundError(
      inConfig
        ? `user '${name}' is defined in the config file (web.users), not in the database.`
        : `no user named '${name}'.`,
      {
        hint: inConfig
          ? `Edit web.users.${name} in the config file.`
          : "List users with `openchargeback users list`.",
      },
    );
  }
  return row;
}

/**
 * Refuse a database user whose name or email a config user (`web.users`) has:
 * it would silently take over that login (and its role).
 */
function assertNotConfigUser(ctx: AppContext, name: string, email: string): void {
  for (const [key, u] of Object.entries(ctx.config.web.users)) {
    const sameName = key.toLowerCase() === name.toLowerCase();
    const sameEmail = u.email.trim().toLowerCase() === email;
    if (!sameName && !sameEmail) continue;
    const what = sameName ? `the name '${name}'` : `the email ${email}`;
    throw new RuleError(
      `${what} belongs to the config user '${key}' (web.users in ${
        ctx.configPath ?? "the config file"
      }); a database user with it would take over that sign-in and its role (${u.role}).`,
      {
        hint: sameName ? "Choose another user name." : "Use another email address.",
      },
    );
  }
}

/**
 * Refuse a change that would leave no enabled admin (config or database):
 * nobody could manage users any more.
 */
function assertAnotherAdmin(ctx: AppContext, name: string, what: string): void {
  const target = name.trim().toLowerCase();
  const others = listEffectiveUsers(ctx).filter((u) =>
    u.role === "admin" && !u.disabled && u.name.toLowerCase() !== target
  );
  if (others.length === 0) {
    throw new RuleError(`${what} refused: '${name}' is the last enabled admin.`, {
      hint: "Make another user an admin first.",
    });
  }
}

/** Set a database user's password; every session of the user is revoked. */
export function changePassword(
  ctx: AppContext,
  name: string,
  password: string,
  cost = BCRYPT_COST,
): { revokedSessions: number } {
  const row = dbUser(ctx, name);
  assertPasswordPolicy(password, ctx.config.web.password_requirements);
  const hash = hashPassword(password, cost);
  const at = ctx.now().toISOString();
  return ctx.db.transaction(() => {
    updateUserPassword(ctx.db, row.name, hash, at);
    const revoked = deleteUserSessions(ctx.db, row.name);
    audit(ctx, "user.passwd", { revokedSessions: revoked }, {
      entity: "user",
      entityId: row.name,
      at,
    });
    return { revokedSessions: revoked };
  });
}

/** Disable (revoking its sessions) or enable a database user. */
export function setUserDisabled(ctx: AppContext, name: string, disabled: boolean): UserSummary {
  const row = dbUser(ctx, name);
  const at = ctx.now().toISOString();
  return ctx.db.transaction(() => {
    if (disabled && row.role === "admin") assertAnotherAdmin(ctx, row.name, "disabling");
    updateUserDisabled(ctx.db, row.name, disabled ? at : null, at);
    const revoked = disabled ? deleteUserSessions(ctx.db, row.name) : 0;
    audit(
      ctx,
      disabled ? "user.disable" : "user.enable",
      disabled ? { revokedSessions: revoked } : undefined,
      { entity: "user", entityId: row.name, at },
    );
    return summary(row.name, ctx);
  });
}

/** Change a database user's role. */
export function setUserRole(ctx: AppContext, name: string, role: string): UserSummary {
  const row = dbUser(ctx, name);
  const next = parseRole(role);
  const at = ctx.now().toISOString();
  return ctx.db.transaction(() => {
    if (row.role === "admin" && next !== "admin") {
      assertAnotherAdmin(ctx, row.name, `making '${row.name}' a ${next}`);
    }
    updateUserRole(ctx.db, row.name, next, at);
    audit(ctx, "user.role", { before: row.role, after: next }, {
      entity: "user",
      entityId: row.name,
      at,
    });
    return summary(row.name, ctx);
  });
}

/** Every user (database and config), without password hashes. */
export function listUsers(ctx: AppContext): UserSummary[] {
  return listEffectiveUsers(ctx).map(toSummary);
}

function summary(name: string, ctx: AppContext): UserSummary {
  const row = findUserByName(ctx.db, name)!;
  return {
    name: row.name,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled_at !== null,
    origin: "database",
    recovery: false,
  };
}

function toSummary(u: EffectiveUser): UserSummary {
  const { passwordHash: _hash, ...rest } = u;
  return rest;
}
