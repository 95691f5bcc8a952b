/** Backup capability: online consistent copies, verification and restore of the database. */
export { backupDatabase, type BackupOptions, type BackupResult } from "./backup_database.ts";
export { restoreDatabase, type RestoreRequest, type RestoreResult } from "./restore_database.ts";
export { type VerifiedDatabaseFile, verifyDatabaseFile } from "./verify_database_file.ts";
export {
  archivePathOf,
  archivePeriods,
  type ArchiveResult,
  unarchivePeriods,
} from "./archive_database.ts";
export { assertResetAllowed, RESET_WORD, resetDevData, type ResetResult } from "./reset_data.ts";
