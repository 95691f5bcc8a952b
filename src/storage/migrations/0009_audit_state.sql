-- State kept out of the audit log (issue 15): the audit log is written, and read only by
-- `audit list` and the audit page; the program's own state has tables of its own.

-- The unchanged-redelivery recheck record of a delivery (JSON: key, sha256 of each file, the
-- checksum of the charges it left, its totals); NULL = the delivery cannot be rechecked.
ALTER TABLE imports ADD COLUMN recheck TEXT;

UPDATE imports SET recheck = (
  SELECT json_extract(a.details, '$.recheck') FROM audit_log a
  WHERE a.action = 'import' AND a.entity = 'import' AND a.entity_id = CAST(imports.id AS TEXT)
    AND json_valid(a.details)
  ORDER BY a.id DESC LIMIT 1
);

-- Deliveries that were refused (nothing of them stored): who tried which files, and why.
CREATE TABLE refused_imports (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  source TEXT NOT NULL,                  -- the source name as given
  files TEXT NOT NULL,                   -- JSON array of the file names
  mode TEXT NOT NULL,                    -- replace | append
  error TEXT NOT NULL,                   -- the refusal, one line
  details TEXT NOT NULL                  -- JSON array of the first row errors (up to 20)
);

INSERT INTO refused_imports (at, actor, source, files, mode, error, details)
SELECT at, actor,
  coalesce(CASE WHEN json_valid(details) THEN json_extract(details, '$.source') END, entity_id, ''),
  coalesce(CASE WHEN json_valid(details) AND json_type(details, '$.files') = 'array'
    THEN json_extract(details, '$.files') END, '[]'),
  coalesce(CASE WHEN json_valid(details) THEN json_extract(details, '$.mode') END, 'replace'),
  coalesce(CASE WHEN json_valid(details) THEN json_extract(details, '$.error') END, ''),
  coalesce(CASE WHEN json_valid(details) AND json_type(details, '$.details') = 'array'
    THEN json_extract(details, '$.details') END, '[]')
FROM audit_log WHERE action = 'import.refused' OR action LIKE 'import.refused.%'
ORDER BY id;
