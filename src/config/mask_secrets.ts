/** The effective config with secrets replaced, for `config show` and the settings page. */

import type { Config } from "./schema.ts";

const MASK = "********";

/** A deep copy of `config` with passwords, hashes and keys masked. */
export function maskSecrets(config: Config): Record<string, unknown> {
  const copy = structuredClone(config) as Config;
  if (copy.smtp.password) copy.smtp.password = MASK;
  if (copy.web.secret_key) copy.web.secret_key = MASK;
  for (const user of Object.values(copy.web.users)) {
    if (user.password_hash) user.password_hash = MASK;
  }
  return copy as unknown as Record<string, unknown>;
}
