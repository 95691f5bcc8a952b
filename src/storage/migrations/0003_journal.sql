-- Journal (general-ledger) exports: one row per export written, with who, when,
-- what and the checksum of the content. Money columns are INTEGER micro-units.

CREATE TABLE journal_exports (
  id INTEGER PRIMARY KEY,
  period TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('detail', 'summary', 'gl', 'template')),
  template TEXT,                   -- template name or file for format 'template'
  include_pending INTEGER NOT NULL DEFAULT 0,
  path TEXT,                       -- file written; NULL when written to stdout
  rows INTEGER NOT NULL,           -- data rows (header excluded)
  charges INTEGER NOT NULL,        -- charges the export covers
  debit_total INTEGER NOT NULL,
  credit_total INTEGER NOT NULL,
  checksum TEXT NOT NULL,          -- sha256 (hex) of the content
  exported_by TEXT NOT NULL,
  exported_at TEXT NOT NULL
);
CREATE INDEX journal_exports_period ON journal_exports (period, id);
