/** The `--json` shape of a web user (`users list`, `users add`, ...; docs/cli-json.md). */

import type { UserSummary } from "./user_service.ts";

/** One user as `--json` prints it, in the documented key order. */
export function userJson(u: UserSummary) {
  return {
    name: u.name,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    disabled: u.disabled,
    origin: u.origin,
    recovery: u.recovery,
  };
}
