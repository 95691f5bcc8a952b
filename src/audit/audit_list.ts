/**
 * Reading the audit log: filters checked and normalised here, the query in
 * storage. The log is append-only (database triggers refuse UPDATE and
 * DELETE) and this capability offers no way to change it.
 */

import type { AppContext } from "../app_context.ts";
import { UserError } from "../domain/errors.ts";
import { parseFocusDateTime } from "../domain/datetime.ts";
import { parsePeriod } from "../domain/period.ts";
import { type AuditRow, listAudit } from "../storage/mod.ts";

/** Filters of `audit list` (all optional; the text forms the user typed). */
export interface AuditQuery {
  /** Exact actor, e.g. "cli:alice" or "web:admin@example.edu". */
  actor?: string;
  /** An action ("review.approve") or a prefix of dotted actions ("review"). */
  action?: string;
  /** YYYY-MM. */
  period?: string;
  /** From this date or datetime (inclusive). */
  from?: string;
  /** Up to this datetime (exclusive), or to the end of this date. */
  to?: string;
  /** Most entries returned, newest first (default 100). */
  limit?: number;
  /** Entries skipped first (the web's pages; default 0). */
  offset?: number;
}

/** One audit entry as the `audit list --json` contract prints it. */
export interface AuditEntryJson {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string | null;
  entityId: string | null;
  period: string | null;
  /** The recorded details (before/after, notes, counts), or null. */
  details: unknown;
}

/** The default and the largest number of entries returned. */
const AUDIT_DEFAULT_LIMIT = 100;
const AUDIT_MAX_LIMIT = 100_000;

/** Audit entries matching `q`, newest first. */
export function listAuditEntries(ctx: AppContext, q: AuditQuery = {}): AuditEntryJson[] {
  const limit = q.limit ?? AUDIT_DEFAULT_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > AUDIT_MAX_LIMIT) {
    throw new UserError(`--limit must be a whole number from 1 to ${AUDIT_MAX_LIMIT}.`);
  }
  const from = q.from ? boundary(q.from, "--from", false) : undefined;
  const to = q.to ? boundary(q.to, "--to", true) : undefined;
  if (from && to && from >= to) {
    throw new UserError(`--from ${q.from} is not before --to ${q.to}.`);
  }
  const rows = listAudit(ctx.db, {
    actor: q.actor?.trim() || undefined,
    action: q.action?.trim() || undefined,
    period: q.period ? parsePeriod(q.period, "--period") : undefined,
    from,
    to,
    limit,
    offset: q.offset,
  });
  return rows.map(auditEntryJson);
}

/** A stored row in the JSON shape (details parsed when they are JSON). */
function auditEntryJson(r: AuditRow): AuditEntryJson {
  let details: unknown = r.details;
  if (r.details !== null) {
    try {
      details = JSON.parse(r.details);
    } catch {
      details = r.details;
    }
  }
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    period: r.period,
    details,
  };
}

/**
 * A date or datetime as the ISO text stored in `at`. A bare date as `--to`
 * means the end of that day (the next midnight, exclusive).
 */
function boundary(text: string, option: string, endOfDay: boolean): string {
  const parsed = parseFocusDateTime(text);
  if (!parsed) {
    throw new UserError(`${option} '${text}' is not a date (YYYY-MM-DD) or datetime (ISO 8601).`);
  }
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text.trim());
  const ms = dateOnly && endOfDay ? parsed.epochMs + 86_400_000 : parsed.epochMs;
  return new Date(ms).toISOString();
}
