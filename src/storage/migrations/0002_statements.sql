-- Statements: numbered, immutable, revisable records of the PDFs sent to PIs,
-- and the log of every statement email (sent, written in dev mode, or failed).
-- Money columns are INTEGER micro-units (sums of lines rounded to cents).

CREATE TABLE statements (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL,            -- YYYY-MM-NNNN, stable across revisions
  revision INTEGER NOT NULL,       -- 1, 2, ...; earlier revisions are kept
  period TEXT NOT NULL,
  grouping TEXT NOT NULL CHECK (grouping IN ('project', 'pi')),
  group_key TEXT NOT NULL,         -- identity inside the period: pi + project, or pi
  pi_email TEXT NOT NULL,
  pi_name TEXT NOT NULL,
  project_id TEXT,                 -- NULL for consolidated (per PI) statements
  fund_org TEXT NOT NULL,          -- distinct fund/orgs joined with ", "
  currency TEXT NOT NULL,          -- one ISO code, or codes joined with "," (separate sections)
  billed_cost INTEGER,             -- NULL when the statement has more than one currency
  list_cost INTEGER,
  discount INTEGER,
  totals TEXT NOT NULL,            -- JSON [{currency, billed, list, discount, credits}]
  charges INTEGER NOT NULL,
  content_hash TEXT NOT NULL,      -- sha256 of the canonical statement model
  pdf_path TEXT NOT NULL,
  replaces_revision INTEGER,       -- the revision this one supersedes
  generated_at TEXT NOT NULL,
  generated_by TEXT NOT NULL,
  sent_at TEXT                     -- first successful delivery (sent, or written in dev mode)
);
CREATE UNIQUE INDEX statements_number_revision ON statements (number, revision);
CREATE UNIQUE INDEX statements_group_revision ON statements (period, grouping, group_key, revision);
CREATE INDEX statements_period_pi ON statements (period, pi_email);

CREATE TABLE email_log (
  id INTEGER PRIMARY KEY,
  period TEXT NOT NULL,
  recipient TEXT NOT NULL,
  statement_numbers TEXT NOT NULL, -- JSON ["2025-01-0001 r1", ...]
  statement_ids TEXT NOT NULL,     -- JSON [statement row ids]
  subject TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('smtp', 'file')),
  status TEXT NOT NULL CHECK (status IN ('sent', 'written', 'failed')),
  attempts INTEGER NOT NULL,
  error TEXT,
  eml_path TEXT,                   -- dev mode: the .eml file written
  message_id TEXT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL
);
CREATE INDEX email_log_period ON email_log (period, recipient);
