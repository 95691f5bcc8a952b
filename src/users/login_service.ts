/**
 * Logging in: throttling per account and per address, bcrypt verification,
 * and an audit entry for every success, failure and refusal.
 */

import { audit } from "../audit/mod.ts";
import type { AppContext } from "../app_context.ts";
import { UserError } from "../domain/errors.ts";
import {
  countAddressFailures,
  countLoginFailures,
  deleteLoginAttemptsBefore,
  insertLoginAttempt,
  oldestFailureSince,
} from "../storage/mod.ts";
import { verifyPassword } from "./passwords.ts";
import { type EffectiveUser, findUserByLogin } from "./user_directory.ts";
import { countOf } from "../domain/plural.ts";

/** Throttling limits: failures allowed per account and per address within the window. */
export interface ThrottlePolicy {
  windowMinutes: number;
  maxPerAccount: number;
  maxPerAddress: number;
}

/** 5 failures per account, 20 per address, in 15 minutes. */
export const DEFAULT_THROTTLE: ThrottlePolicy = {
  windowMinutes: 15,
  maxPerAccount: 5,
  maxPerAddress: 20,
};

/** Too many failed logins: try again after `retryAfterSeconds`. */
export class LoginThrottledError extends UserError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super("too many failed sign-in attempts.", {
      hint: `Try again in ${countOf(Math.ceil(retryAfterSeconds / 60), "minute")}.`,
    });
    this.name = "LoginThrottledError";
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The one message of every failed login (it does not tell which part was wrong). */
export const LOGIN_FAILED_MESSAGE = "wrong user name, email or password.";

/**
 * Check a login (user name or email) and password from address `ip`.
 * Returns the user, or throws LoginThrottledError / UserError. Audited.
 */
export async function attemptLogin(
  ctx: AppContext,
  input: { login: string; password: string; ip: string },
  policy: ThrottlePolicy = DEFAULT_THROTTLE,
): Promise<EffectiveUser> {
  const now = ctx.now();
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - policy.windowMinutes * 60_000).toISOString();
  const login = input.login.trim().slice(0, 200);
  const details = { login, ip: input.ip };
  const byAccount = countLoginFailures(ctx.db, login, windowStart) >= policy.maxPerAccount;
  const byAddress = countAddressFailures(ctx.db, input.ip, windowStart) >= policy.maxPerAddress;
  if (byAccount || byAddress) {
    const oldest = oldestFailureSince(
      ctx.db,
      byAccount ? { login } : { ip: input.ip },
      windowStart,
    ) ?? at;
    const liftsAt = new Date(oldest).getTime() + policy.windowMinutes * 60_000;
    audit(ctx, "web.login_throttled", { ...details, by: byAccount ? "account" : "address" }, {
      at,
      actor: `web:${login}`,
    });
    throw new LoginThrottledError(Math.max(1, Math.ceil((liftsAt - now.getTime()) / 1000)));
  }
  const user = findUserByLogin(ctx, login);
  const ok = await verifyPassword(input.password, user?.passwordHash);
  const success = ok && user !== undefined && !user.disabled;
  ctx.db.transaction(() => {
    insertLoginAttempt(ctx.db, { at, login, ip: input.ip, success });
    deleteLoginAttemptsBefore(ctx.db, new Date(now.getTime() - 86_400_000).toISOString());
    audit(
      ctx,
      success ? "web.login" : "web.login_failed",
      success ? { ip: input.ip, origin: user.origin } : {
        ...details,
        reason: !user ? "unknown" : !ok ? "password" : "disabled",
      },
      {
        entity: user ? "user" : undefined,
        entityId: user?.name,
        at,
        actor: `web:${success ? user.name : login}`,
      },
    );
  });
  if (!success) throw new UserError(LOGIN_FAILED_MESSAGE);
  return user;
}
