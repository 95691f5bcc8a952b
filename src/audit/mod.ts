/** Audit capability: reading the append-only audit log with filters. */
export {
  AUDIT_DEFAULT_LIMIT,
  AUDIT_MAX_LIMIT,
  type AuditEntryJson,
  auditEntryJson,
  type AuditQuery,
  listAuditEntries,
} from "./audit_list.ts";
export { terminalSafe } from "./terminal_text.ts";
