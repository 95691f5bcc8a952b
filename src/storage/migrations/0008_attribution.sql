-- Who pays (issue 17): the provenance of each charge's attribution, attribution rules kept in
-- the database (edited on the web; the config's rules come first), and the PI directory.

-- What set each attribution field that a tag did not, as a small JSON object
-- ({"pi_email":"rule:data-team","fund_org":"person:ann"}); NULL = all from tags (or empty).
ALTER TABLE charges ADD COLUMN attribution TEXT;

CREATE TABLE attribution_rules (
  id INTEGER PRIMARY KEY,
  position INTEGER NOT NULL,             -- evaluation order (after the config's rules)
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  source TEXT,                           -- source key, NULL = every source
  match TEXT NOT NULL,                   -- JSON object: column or tag:Key -> value or /regex/
  assign TEXT NOT NULL,                  -- JSON object: pi_email, pi_name, project_id, fund_org...
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE pis (
  email TEXT PRIMARY KEY COLLATE NOCASE, -- canonical PI email, lower case
  name TEXT NOT NULL DEFAULT '',
  department TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE pi_aliases (
  alias TEXT PRIMARY KEY COLLATE NOCASE, -- another email of the PI, lower case
  email TEXT NOT NULL REFERENCES pis (email) ON DELETE CASCADE
);
