/**
 * The dev-mode data reset (0.4 had it): empty the database of its billing
 * data, settings and rules so a demo can start over; web accounts, the schema
 * and the audit log are kept, and the reset's own entry is appended to the
 * log in the same transaction. Refused unless the config is in dev mode (the
 * app-level `dev_mode` key: emails are written to files, so the install bills
 * nobody) and unless confirmed (`db reset --yes`, the Settings page's typed
 * word).
 */

import { audit } from "../audit/mod.ts";
import type { AppContext } from "../app_context.ts";
import { RuleError, UserError } from "../domain/errors.ts";
import { deleteResettableData, KEPT_TABLES } from "../storage/mod.ts";

/** The word the Settings page asks to be typed. */
export const RESET_WORD = "RESET";

/** What a reset removed. */
export interface ResetResult {
  /** Rows removed per table. */
  removed: Record<string, number>;
  /** Tables kept as they were. */
  kept: string[];
  at: string;
}

/** Refuse unless dev mode: for pages that offer the reset only when it would be accepted. */
export function assertResetAllowed(ctx: AppContext): void {
  if (ctx.config.dev_mode) return;
  const where = ctx.configPath ? ` in ${ctx.configPath}` : "";
  throw new RuleError(`reset refused: the config is not in dev mode (dev_mode: false${where}).`, {
    hint: "A reset empties the database, so it runs only on a demo or test install " +
      "(dev_mode: true). To go back to earlier data, restore a backup: " +
      "openchargeback db restore FILE.",
    webHint: "A reset runs only on a demo or test install (dev_mode: true in the config file).",
  });
}

/** Empty the database's data (dev mode only, confirmed), audited as db.reset. */
export function resetDevData(ctx: AppContext, opts: { confirmed: boolean }): ResetResult {
  assertResetAllowed(ctx);
  if (!opts.confirmed) {
    throw new UserError("reset not confirmed: nothing was removed.", {
      hint: "Pass --yes to empty the database.",
      webHint: `Type ${RESET_WORD} in the box, then press Reset demo data.`,
    });
  }
  return ctx.db.transaction(() => {
    const at = ctx.now().toISOString();
    const removed = deleteResettableData(ctx.db);
    const kept = [...KEPT_TABLES];
    audit(ctx, "db.reset", { removed, kept }, { entity: "database", at });
    return { removed, kept, at };
  });
}
