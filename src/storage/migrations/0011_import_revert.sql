-- Undoing an import (issue 19): the charges a replacing delivery removed are archived, so
-- reverting that delivery can bring them back; the delivery record says it was reverted;
-- statements issued for a period whose charges changed afterwards are marked stale.

CREATE TABLE replaced_charges (
  id INTEGER PRIMARY KEY,
  replaced_by INTEGER NOT NULL REFERENCES imports (id),  -- the delivery that removed it
  period TEXT NOT NULL,                                  -- the charge's period (db archive moves it)
  original_id INTEGER NOT NULL,                          -- its id in charges
  charge TEXT NOT NULL                                   -- JSON object: every charges column
);
CREATE INDEX replaced_charges_import ON replaced_charges (replaced_by);

ALTER TABLE imports ADD COLUMN reverted_at TEXT;   -- status becomes 'reverted'
ALTER TABLE imports ADD COLUMN reverted_by TEXT;
ALTER TABLE imports ADD COLUMN revert_note TEXT;

ALTER TABLE statements ADD COLUMN stale_at TEXT;   -- the period's charges changed after it was issued
