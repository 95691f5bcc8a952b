/** Audit capability: reading the append-only audit log with filters. */
export { type AuditEntryJson, type AuditQuery, listAuditEntries } from "./audit_list.ts";
export { terminalSafe } from "./terminal_text.ts";
export { audit, type AuditAbout, type AuditAction, type AuditContext } from "./audit.ts";
