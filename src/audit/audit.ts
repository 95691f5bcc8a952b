/**
 * THE way the program writes the audit log: `audit(ctx, action, details)`,
 * inside the transaction of the change it records. The actor and the time
 * come from the context (or `about`); the actions are a closed list, so a new
 * kind of entry is added here. The log is never read back to decide anything
 * (tests/architecture_test.ts): only `audit list` and the audit page read it.
 */

import type { AppContext } from "../app_context.ts";
import { appendAudit } from "../storage/mod.ts";

/** Every action the program audits. */
export type AuditAction =
  | "attribution.apply"
  | "attribution.rule.add"
  | "attribution.rule.change"
  | "attribution.rule.delete"
  | "attribution.rule.move"
  | "db.archive"
  | "db.backup"
  | "db.reset"
  | "db.restore"
  | "db.unarchive"
  | `email.${"sent" | "written" | "failed"}`
  | `funding.split.${"add" | "change" | "delete"}`
  | `funding.expiry.${"set" | "delete"}`
  | "import"
  | "import.converter_report"
  | "import.revert"
  | "import.refused"
  | "journal.export"
  | `period.${"create" | "close" | "reopen" | "finalize"}`
  | "pi.import"
  | "pi.save"
  | "review.approve"
  | "review.assign"
  | "review.reject"
  | "review.reopen"
  | "settings.reset"
  | "settings.update"
  | "source.add"
  | "statement.generate"
  | "statement.revise"
  | "statements.generate"
  | "user.add"
  | "user.disable"
  | "user.enable"
  | "user.passwd"
  | "user.role"
  | "web.login"
  | "web.login_failed"
  | "web.login_throttled"
  | "web.logout";

/** What an entry is about, and overrides of the context's actor and clock. */
export interface AuditAbout {
  entity?: string;
  entityId?: string | number;
  period?: string;
  /** The time of the change (default: ctx.now()). */
  at?: string;
  /** Who did it (default: ctx.actor), e.g. the login name of a failed sign-in. */
  actor?: string;
}

/** The part of the AppContext an audit entry needs. */
export type AuditContext = Pick<AppContext, "db" | "actor" | "now">;

/** Append one audit entry (call it inside the change's transaction). */
export function audit(
  ctx: AuditContext,
  action: AuditAction,
  details?: Record<string, unknown>,
  about: AuditAbout = {},
): void {
  appendAudit(ctx.db, {
    at: about.at ?? ctx.now().toISOString(),
    actor: about.actor ?? ctx.actor,
    action,
    entity: about.entity,
    entityId: about.entityId,
    period: about.period,
    details,
  });
}
