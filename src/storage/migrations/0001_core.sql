-- Core engine: sources, periods, deliveries (imports), charges, review decisions,
-- settings and the append-only audit log. Money columns are INTEGER micro-units.

CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,              -- canonical key: trimmed, lower-case
  display_name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX sources_name ON sources (name);

CREATE TABLE periods (
  period TEXT PRIMARY KEY CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'finalized')),
  created_at TEXT NOT NULL,
  closed_at TEXT,
  finalized_at TEXT,
  notes TEXT
);

CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources (id),
  files TEXT NOT NULL,             -- JSON [{name, sha256, rows, focusVersion}]
  focus_version TEXT,
  mode TEXT NOT NULL CHECK (mode IN ('replace', 'append')),
  periods TEXT NOT NULL,           -- JSON ["YYYY-MM", ...]
  rows INTEGER NOT NULL,
  added INTEGER NOT NULL,
  removed INTEGER NOT NULL,
  unchanged INTEGER NOT NULL,
  flagged INTEGER NOT NULL,
  billed_cost INTEGER NOT NULL,
  list_cost INTEGER NOT NULL,
  status TEXT NOT NULL,            -- imported | unchanged
  imported_by TEXT NOT NULL,
  imported_at TEXT NOT NULL
);
CREATE INDEX imports_source ON imports (source_id, id);

CREATE TABLE charges (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources (id),
  period TEXT NOT NULL REFERENCES periods (period),
  import_id INTEGER NOT NULL REFERENCES imports (id),   -- delivery that added it
  fingerprint TEXT NOT NULL,       -- hash of the row's content
  occurrence INTEGER NOT NULL,     -- 1 for the first identical row of a delivery, 2 for the next...
  file_name TEXT NOT NULL,
  line_no INTEGER NOT NULL,
  billing_period_start TEXT NOT NULL,
  billing_period_end TEXT,
  charge_period_start TEXT,
  charge_period_end TEXT,
  billed_cost INTEGER NOT NULL,
  list_cost INTEGER NOT NULL,
  contracted_cost INTEGER NOT NULL,
  effective_cost INTEGER NOT NULL,
  list_unit_price TEXT,            -- decimal text: unit prices can be below a micro-unit
  contracted_unit_price TEXT,
  pricing_quantity TEXT,
  pricing_unit TEXT,
  consumed_quantity TEXT,
  consumed_unit TEXT,
  billing_currency TEXT NOT NULL,
  charge_category TEXT,
  charge_class TEXT,
  charge_description TEXT,
  charge_frequency TEXT,
  service_name TEXT,
  service_category TEXT,
  resource_id TEXT,
  resource_name TEXT,
  resource_type TEXT,
  region_id TEXT,
  sub_account_id TEXT,
  sub_account_name TEXT,
  billing_account_id TEXT,
  provider_name TEXT,
  publisher_name TEXT,
  invoice_issuer_name TEXT,
  invoice_id TEXT,
  sku_id TEXT,
  sku_price_id TEXT,
  tags TEXT,                       -- the Tags cell: JSON object text, or the raw text when invalid
  extra TEXT,                      -- JSON object of every other column (x_*, oci_*, unknown FOCUS)
  pi_email TEXT,
  pi_name TEXT,
  project_id TEXT,
  fund_org TEXT,
  cost_center TEXT,
  reference_1 TEXT,
  reference_2 TEXT,
  account_code TEXT,
  flags TEXT,                      -- JSON array of reason strings, NULL when none
  review_status TEXT NOT NULL CHECK (review_status IN ('none', 'pending', 'approved', 'rejected')),
  review_note TEXT,
  reviewed_by TEXT,
  reviewed_at TEXT
);
CREATE UNIQUE INDEX charges_identity ON charges (source_id, period, fingerprint, occurrence);
CREATE INDEX charges_period_pi ON charges (period, pi_email, project_id);
CREATE INDEX charges_review ON charges (review_status, period) WHERE review_status = 'pending';
CREATE INDEX charges_import ON charges (import_id);

CREATE TABLE review_decisions (
  id INTEGER PRIMARY KEY,
  charge_id INTEGER NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
  note TEXT,
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX review_decisions_charge ON review_decisions (charge_id);

-- Settings changed at run time (web Settings page); config values are the defaults.
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,             -- JSON
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,            -- e.g. import, review.approve, period.close
  entity TEXT,                     -- e.g. charge, period, source, statement
  entity_id TEXT,
  period TEXT,
  details TEXT                     -- JSON: before/after/note/counts
);
CREATE INDEX audit_log_action ON audit_log (action, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
