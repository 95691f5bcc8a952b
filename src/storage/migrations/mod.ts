/**
 * The schema history, in order. Each file is imported as text so a compiled
 * binary carries it. Never edit a migration that has shipped: add a new one.
 */
import m0001 from "./0001_core.sql" with { type: "text" };
import m0002 from "./0002_statements.sql" with { type: "text" };
import m0003 from "./0003_journal.sql" with { type: "text" };
import m0004 from "./0004_web.sql" with { type: "text" };
import m0005 from "./0005_performance.sql" with { type: "text" };
import m0006 from "./0006_rollups.sql" with { type: "text" };
import m0007 from "./0007_pending_indexes.sql" with { type: "text" };
import m0008 from "./0008_attribution.sql" with { type: "text" };
import m0009 from "./0009_audit_state.sql" with { type: "text" };
import m0010 from "./0010_drop_period_totals.sql" with { type: "text" };
import m0011 from "./0011_import_revert.sql" with { type: "text" };
import m0012 from "./0012_fund_splits.sql" with { type: "text" };
import m0013 from "./0013_statement_payment.sql" with { type: "text" };
import m0014 from "./0014_packed_charge_texts.sql" with { type: "text" };
import m0015 from "./0015_drop_charges_period_pi.sql" with { type: "text" };

/** A numbered migration. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  { version: 1, name: "core", sql: m0001 },
  { version: 2, name: "statements", sql: m0002 },
  { version: 3, name: "journal", sql: m0003 },
  { version: 4, name: "web", sql: m0004 },
  { version: 5, name: "performance", sql: m0005 },
  { version: 6, name: "rollups", sql: m0006 },
  { version: 7, name: "pending_indexes", sql: m0007 },
  { version: 8, name: "attribution", sql: m0008 },
  { version: 9, name: "audit_state", sql: m0009 },
  { version: 10, name: "drop_period_totals", sql: m0010 },
  { version: 11, name: "import_revert", sql: m0011 },
  { version: 12, name: "fund_splits", sql: m0012 },
  { version: 13, name: "statement_payment", sql: m0013 },
  { version: 14, name: "packed_charge_texts", sql: m0014 },
  { version: 15, name: "drop_charges_period_pi", sql: m0015 },
];

/** The schema version this program writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
