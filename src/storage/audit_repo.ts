/** The append-only audit log (UPDATE and DELETE are refused by triggers). */

import type { Database } from "./database.ts";

/** One audit entry to write. */
export interface AuditEntry {
  actor: string;
  action: string;
  entity?: string;
  entityId?: string | number;
  period?: string;
  details?: Record<string, unknown>;
  at: string;
}

/** Append one entry. */
export function appendAudit(db: Database, e: AuditEntry): void {
  db.run(
    "INSERT INTO audit_log (at, actor, action, entity, entity_id, period, details) VALUES (?, ?, ?, ?, ?, ?, ?)",
    e.at,
    e.actor,
    e.action,
    e.entity ?? null,
    e.entityId === undefined ? null : String(e.entityId),
    e.period ?? null,
    e.details ? JSON.stringify(e.details) : null,
  );
}

/** A stored audit entry. */
export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string | null;
  entity_id: string | null;
  period: string | null;
  details: string | null;
}

/** Filters for listAudit. */
export interface AuditFilter {
  actor?: string;
  action?: string;
  period?: string;
  entity?: string;
  entityId?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/** Audit entries, newest first. */
export function listAudit(db: Database, f: AuditFilter = {}): AuditRow[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (f.actor) (where.push("actor = ?"), params.push(f.actor));
  if (f.action) {
    (where.push("(action = ? OR action LIKE ?)"), params.push(f.action, `${f.action}.%`));
  }
  if (f.period) (where.push("period = ?"), params.push(f.period));
  if (f.entity) (where.push("entity = ?"), params.push(f.entity));
  if (f.entityId) (where.push("entity_id = ?"), params.push(f.entityId));
  if (f.from) (where.push("at >= ?"), params.push(f.from));
  if (f.to) (where.push("at < ?"), params.push(f.to));
  const sql = `SELECT * FROM audit_log ${where.length ? "WHERE " + where.join(" AND ") : ""}
    ORDER BY id DESC LIMIT ? OFFSET ?`;
  return db.all<AuditRow>(sql, ...params, f.limit ?? 100, f.offset ?? 0);
}
