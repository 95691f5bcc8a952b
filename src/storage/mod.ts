/** Storage: the only code that writes SQL. */
export { Database, openDatabase, type OpenOptions, type Row, type SqlValue } from "./database.ts";
export { applyMigrations, schemaVersion } from "./migrate.ts";
export { MIGRATIONS, SCHEMA_VERSION } from "./migrations/mod.ts";
export * from "./audit_repo.ts";
export * from "./sources_repo.ts";
export * from "./periods_repo.ts";
export * from "./settings_repo.ts";
export * from "./billable_charges_repo.ts";
export * from "./review_repo.ts";
export * from "./charges_read_repo.ts";
export * from "./users_repo.ts";
export * from "./sessions_repo.ts";
export * from "./dashboard_repo.ts";
export * from "./statements_repo.ts";
export * from "./email_repo.ts";
export * from "./journal_repo.ts";
export * from "./charges_write_repo.ts";
export * from "./imports_repo.ts";
