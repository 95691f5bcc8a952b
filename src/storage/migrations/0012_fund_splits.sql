-- Fund splits and fund expiry dates edited on the web (issue 17). The config's funding.splits and
-- funding.funds stay read-only; the splits service merges both (a database split wins over a
-- config split of the same project for the months both cover; a database expiry replaces the
-- config's for its fund).

CREATE TABLE fund_splits (
  id INTEGER PRIMARY KEY,
  project_id TEXT NOT NULL,
  from_month TEXT NOT NULL,              -- YYYY-MM, first month in force
  until_month TEXT,                      -- YYYY-MM, last month in force (inclusive); NULL = open
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE INDEX fund_splits_project ON fund_splits (project_id, from_month);

-- A split's funds: percent in hundredths of a percent (60.00 % = 6000), integers, never floats.
CREATE TABLE fund_split_shares (
  split_id INTEGER NOT NULL REFERENCES fund_splits (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  fund_org TEXT NOT NULL,
  hundredths INTEGER NOT NULL,
  PRIMARY KEY (split_id, position)
);

CREATE TABLE fund_expiries (
  fund_org TEXT PRIMARY KEY,
  expires TEXT NOT NULL,                 -- YYYY-MM-DD, the last day the fund may be charged
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
