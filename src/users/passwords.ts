/**
 * Password hashing (bcrypt, compatible with the `$2b$` hashes OpenChargeback 0.4
 * writes) and the password policy of `web.password_requirements`.
 */

import bcrypt from "bcryptjs";
import type { Config } from "../config/mod.ts";
import { UserError } from "../domain/errors.ts";

/**
 * Bcrypt cost of new hashes: 10, OWASP's floor for bcrypt (0.4 used 12). The
 * hashing is bcryptjs (pure JavaScript, no native code), about 3x slower than
 * native bcrypt: cost 12 made a sign-in take 0.8-1.7 s, and each step halves
 * the time (measured 3.8x between 12 and 10 on the same machine; issue 19).
 * Hashes of any cost keep verifying: the cost is stored in the hash.
 */
export const BCRYPT_COST = 10;

/**
 * A hash (at BCRYPT_COST) of a password nobody knows: verified against when
 * the login is unknown, so it costs what checking a new user's password does.
 */
const DUMMY_HASH = "$2b$10$oFJsI/sPglMOgZzI2y6rZOX5HeUhkda.CrUyDWyFLWTHGww4268YG";

/** Hash a password with bcrypt (`$2b$`). */
export function hashPassword(password: string, cost = BCRYPT_COST): string {
  return bcrypt.hashSync(password, cost);
}

/**
 * True when `password` matches the bcrypt `hash` ($2a$, $2b$ or $2y$). An empty
 * or malformed hash never matches; the check still costs a bcrypt round so a
 * missing account cannot be told apart by timing.
 */
export async function verifyPassword(password: string, hash: string | undefined): Promise<boolean> {
  const valid = typeof hash === "string" && /^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/.test(hash);
  const target = valid ? hash.replace(/^\$2y\$/, "$2b$") : DUMMY_HASH;
  const ok = await bcrypt.compare(password, target);
  return valid && ok;
}

/** The password requirements of the config. */
export type PasswordRequirements = Config["web"]["password_requirements"];

/** What is wrong with `password` under the policy (empty when it is acceptable). */
export function passwordProblems(password: string, req: PasswordRequirements): string[] {
  const problems: string[] = [];
  const min = Math.max(1, req.min_length);
  if ([...password].length < min) problems.push(`at least ${min} characters`);
  if (req.require_uppercase && !/\p{Lu}/u.test(password)) problems.push("an upper-case letter");
  if (req.require_lowercase && !/\p{Ll}/u.test(password)) problems.push("a lower-case letter");
  if (req.require_numbers && !/\p{Nd}/u.test(password)) problems.push("a digit");
  if (req.require_special_chars && !/[^\p{L}\p{Nd}\s]/u.test(password)) {
    problems.push("a special character");
  }
  if (new TextEncoder().encode(password).length > 72) {
    problems.push("at most 72 bytes (bcrypt ignores the rest)");
  }
  return problems;
}

/** Throw a UserError listing what the password lacks. */
export function assertPasswordPolicy(password: string, req: PasswordRequirements): void {
  const problems = passwordProblems(password, req);
  if (problems.length) {
    throw new UserError(`the password does not meet the policy: it needs ${problems.join(", ")}.`, {
      location: { key: "web.password_requirements" },
      hint: "Choose a longer or more varied password.",
    });
  }
}
