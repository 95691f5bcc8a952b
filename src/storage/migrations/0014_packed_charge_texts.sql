-- Leaner charges (issue 21): the low-cardinality text columns of a charge (its file name, the
-- four period timestamps, units, categories, the provider's names, region, SKU, sub-account,
-- and the Tags and extra-columns JSON) are stored once in charge_texts and referenced by
-- integer id (<name>_ref). Values are kept byte for byte: charge_values is the charges table
-- with every column under its own name and text, read by the charge detail, the CSV export,
-- the attribution and the replaced-charges archive. On the bench shape (dbstat, 100,000
-- charges): 829 -> ~390 bytes per charges row. Texts are never deleted (ids stay valid for
-- the archived rows in replaced_charges and in db archive files).
--
-- The table is rebuilt: DROP TABLE fires no trigger, so the charge rollups stay as they are
-- (the rows are the same); the indexes and the rollup triggers of 0006/0007 are recreated.

CREATE TABLE charge_texts (
  id INTEGER PRIMARY KEY,
  value TEXT NOT NULL UNIQUE
);

INSERT INTO charge_texts (value)
SELECT v FROM (
  SELECT file_name AS v FROM charges UNION
  SELECT billing_period_start AS v FROM charges UNION
  SELECT billing_period_end AS v FROM charges UNION
  SELECT charge_period_start AS v FROM charges UNION
  SELECT charge_period_end AS v FROM charges UNION
  SELECT pricing_unit AS v FROM charges UNION
  SELECT consumed_unit AS v FROM charges UNION
  SELECT charge_category AS v FROM charges UNION
  SELECT charge_class AS v FROM charges UNION
  SELECT charge_description AS v FROM charges UNION
  SELECT charge_frequency AS v FROM charges UNION
  SELECT service_category AS v FROM charges UNION
  SELECT resource_type AS v FROM charges UNION
  SELECT region_id AS v FROM charges UNION
  SELECT sub_account_id AS v FROM charges UNION
  SELECT sub_account_name AS v FROM charges UNION
  SELECT billing_account_id AS v FROM charges UNION
  SELECT provider_name AS v FROM charges UNION
  SELECT publisher_name AS v FROM charges UNION
  SELECT invoice_issuer_name AS v FROM charges UNION
  SELECT invoice_id AS v FROM charges UNION
  SELECT sku_id AS v FROM charges UNION
  SELECT sku_price_id AS v FROM charges UNION
  SELECT tags AS v FROM charges UNION
  SELECT extra AS v FROM charges
) WHERE v IS NOT NULL ORDER BY v;

CREATE TABLE charges_packed (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources (id),
  period TEXT NOT NULL REFERENCES periods (period),
  import_id INTEGER NOT NULL REFERENCES imports (id),
  fingerprint TEXT NOT NULL,
  occurrence INTEGER NOT NULL,
  file_name_ref INTEGER NOT NULL,
  line_no INTEGER NOT NULL,
  billing_period_start_ref INTEGER NOT NULL,
  billing_period_end_ref INTEGER,
  charge_period_start_ref INTEGER,
  charge_period_end_ref INTEGER,
  billed_cost INTEGER NOT NULL,
  list_cost INTEGER NOT NULL,
  contracted_cost INTEGER NOT NULL,
  effective_cost INTEGER NOT NULL,
  list_unit_price TEXT,
  contracted_unit_price TEXT,
  pricing_quantity TEXT,
  pricing_unit_ref INTEGER,
  consumed_quantity TEXT,
  consumed_unit_ref INTEGER,
  billing_currency TEXT NOT NULL,
  charge_category_ref INTEGER,
  charge_class_ref INTEGER,
  charge_description_ref INTEGER,
  charge_frequency_ref INTEGER,
  service_name TEXT,
  service_category_ref INTEGER,
  resource_id TEXT,
  resource_name TEXT,
  resource_type_ref INTEGER,
  region_id_ref INTEGER,
  sub_account_id_ref INTEGER,
  sub_account_name_ref INTEGER,
  billing_account_id_ref INTEGER,
  provider_name_ref INTEGER,
  publisher_name_ref INTEGER,
  invoice_issuer_name_ref INTEGER,
  invoice_id_ref INTEGER,
  sku_id_ref INTEGER,
  sku_price_id_ref INTEGER,
  tags_ref INTEGER,
  extra_ref INTEGER,
  pi_email TEXT,
  pi_name TEXT,
  project_id TEXT,
  fund_org TEXT,
  cost_center TEXT,
  reference_1 TEXT,
  reference_2 TEXT,
  account_code TEXT,
  flags TEXT,
  review_status TEXT NOT NULL CHECK (review_status IN ('none', 'pending', 'approved', 'rejected')),
  review_note TEXT,
  reviewed_by TEXT,
  reviewed_at TEXT,
  attribution TEXT
);

INSERT INTO charges_packed (id, source_id, period, import_id, fingerprint, occurrence, file_name_ref, line_no, billing_period_start_ref, billing_period_end_ref, charge_period_start_ref, charge_period_end_ref, billed_cost, list_cost, contracted_cost, effective_cost, list_unit_price, contracted_unit_price, pricing_quantity, pricing_unit_ref, consumed_quantity, consumed_unit_ref, billing_currency, charge_category_ref, charge_class_ref, charge_description_ref, charge_frequency_ref, service_name, service_category_ref, resource_id, resource_name, resource_type_ref, region_id_ref, sub_account_id_ref, sub_account_name_ref, billing_account_id_ref, provider_name_ref, publisher_name_ref, invoice_issuer_name_ref, invoice_id_ref, sku_id_ref, sku_price_id_ref, tags_ref, extra_ref, pi_email, pi_name, project_id, fund_org, cost_center, reference_1, reference_2, account_code, flags, review_status, review_note, reviewed_by, reviewed_at, attribution)
SELECT c.id,
  c.source_id,
  c.period,
  c.import_id,
  c.fingerprint,
  c.occurrence,
  (SELECT t.id FROM charge_texts t WHERE t.value = c.file_name),
  c.line_no,
  (SELECT t.id FROM charge_texts t WHERE t.value = c.billing_period_start),
  (SELECT t.id FROM charge_texts t WHERE t.value = c.billing_period_end),
  (SELECT t.id FROM charge_texts t WHERE t.value = c.charge_period_start),
  (SELECT t.id FROM charge_texts t WHERE t.value = c.charge_period_end),
  c.billed_cost,
  c.list_cost,
  c.contracted_cost,
  c.effective_cost,
  c.list_unit_price,
  c.contracted_unit_price,
  c.pricing_quantity,
  (SELECT t.id FROM charge_texts t WHERE t.value = c.pricing_unit),
  c.consumed_quantity,
  (SELECT t.id FROM charge_texts t WHERE t.value = c.consumed_unit),
  c.billing_currency,
  (SELECT t.id FROM charge_texts t WHERE t.value = c.charge_category),
  (SELECT t.id FROM charge_texts t WHERE t.value = c.charge_class),
  (SELECT t.id FROM charge_texts t WHERE t.value = c.charge_description),
  (SELECT t.id FROM charge_texts t WHERE t.value = c.charge_frequency),
  c.service_name,
  (SELECT t.id FROM charge_texts t WHERE t.value = c.service_category),
  c.resource_id,
  c.resource_name,
  (SELECT t.id FROM charge_texts t WHERE t.value = c.resource_type),
  (SELECT t.id FROM charge_texts t WHERE t.value = c.region_id),
  (SELECT t.id FROM charge_texts t WHERE t.value = c.sub_account_id),
  (SELECT t.id FROM charge_texts t WHERE t.value = c.sub_account_name),
  (SELECT t.id FROM charge_texts t WHERE t.value = c.billing_account_id),
  (SELECT t.id FROM charge_texts t WHERE t.value = c.provider_name),
  (SELECT t.id FROM charge_texts t WHERE t.value = c.publisher_name),
  (SELECT t.id FROM charge_texts t WHERE t.value = c.invoice_issuer_name),
  (SELECT t.id FROM charge_texts t WHERE t.value = c.invoice_id),
  (SELECT t.id FROM charge_texts t WHERE t.value = c.sku_id),
  (SELECT t.id FROM charge_texts t WHERE t.value = c.sku_price_id),
  (SELECT t.id FROM charge_texts t WHERE t.value = c.tags),
  (SELECT t.id FROM charge_texts t WHERE t.value = c.extra),
  c.pi_email,
  c.pi_name,
  c.project_id,
  c.fund_org,
  c.cost_center,
  c.reference_1,
  c.reference_2,
  c.account_code,
  c.flags,
  c.review_status,
  c.review_note,
  c.reviewed_by,
  c.reviewed_at,
  c.attribution
FROM charges c ORDER BY c.id;

DROP TABLE charges;
ALTER TABLE charges_packed RENAME TO charges;

CREATE UNIQUE INDEX charges_identity ON charges (source_id, period, fingerprint, occurrence);
CREATE INDEX charges_period_pi ON charges (period, pi_email, project_id);
CREATE INDEX charges_import ON charges (import_id);
CREATE INDEX charges_period_pi_cost ON charges (period, pi_email, billed_cost);
CREATE INDEX charges_review
  ON charges (review_status, period, billing_currency, billed_cost, list_cost, flags)
  WHERE review_status = 'pending';
CREATE INDEX charges_pending_order ON charges (period, pi_email, project_id, flags)
  WHERE review_status = 'pending';

CREATE TRIGGER charges_rollup_insert AFTER INSERT ON charges
BEGIN
  INSERT INTO charge_rollups (period, source_id, pi_email, pi_name, project_id, fund_org,
    service_name, billing_currency, review_status, charges, billed_cost, list_cost)
  SELECT NEW.period, NEW.source_id, NEW.pi_email, NEW.pi_name, NEW.project_id, NEW.fund_org,
    NEW.service_name, NEW.billing_currency, NEW.review_status, 0, 0, 0
  WHERE NOT EXISTS (SELECT 1 FROM charge_rollups r
    WHERE r.period = NEW.period AND r.source_id = NEW.source_id AND r.pi_email IS NEW.pi_email
      AND r.project_id IS NEW.project_id AND r.service_name IS NEW.service_name
      AND r.pi_name IS NEW.pi_name AND r.fund_org IS NEW.fund_org
      AND r.billing_currency = NEW.billing_currency AND r.review_status = NEW.review_status);
  UPDATE charge_rollups SET charges = charges + 1, billed_cost = billed_cost + NEW.billed_cost,
    list_cost = list_cost + NEW.list_cost
  WHERE period = NEW.period AND source_id = NEW.source_id AND pi_email IS NEW.pi_email
    AND project_id IS NEW.project_id AND service_name IS NEW.service_name
    AND pi_name IS NEW.pi_name AND fund_org IS NEW.fund_org
    AND billing_currency = NEW.billing_currency AND review_status = NEW.review_status;
END;

CREATE TRIGGER charges_rollup_delete AFTER DELETE ON charges
BEGIN
  UPDATE charge_rollups SET charges = charges - 1, billed_cost = billed_cost - OLD.billed_cost,
    list_cost = list_cost - OLD.list_cost
  WHERE period = OLD.period AND source_id = OLD.source_id AND pi_email IS OLD.pi_email
    AND project_id IS OLD.project_id AND service_name IS OLD.service_name
    AND pi_name IS OLD.pi_name AND fund_org IS OLD.fund_org
    AND billing_currency = OLD.billing_currency AND review_status = OLD.review_status;
  DELETE FROM charge_rollups
  WHERE period = OLD.period AND source_id = OLD.source_id AND pi_email IS OLD.pi_email
    AND project_id IS OLD.project_id AND service_name IS OLD.service_name
    AND pi_name IS OLD.pi_name AND fund_org IS OLD.fund_org
    AND billing_currency = OLD.billing_currency AND review_status = OLD.review_status
    AND charges = 0;
END;

-- A review decision (review_status) or any other change of a grouped or summed column moves the
-- charge from its old group to its new one.
CREATE TRIGGER charges_rollup_update AFTER UPDATE OF period, source_id, pi_email, pi_name,
  project_id, fund_org, service_name, billing_currency, review_status, billed_cost, list_cost
  ON charges
BEGIN
  UPDATE charge_rollups SET charges = charges - 1, billed_cost = billed_cost - OLD.billed_cost,
    list_cost = list_cost - OLD.list_cost
  WHERE period = OLD.period AND source_id = OLD.source_id AND pi_email IS OLD.pi_email
    AND project_id IS OLD.project_id AND service_name IS OLD.service_name
    AND pi_name IS OLD.pi_name AND fund_org IS OLD.fund_org
    AND billing_currency = OLD.billing_currency AND review_status = OLD.review_status;
  DELETE FROM charge_rollups
  WHERE period = OLD.period AND source_id = OLD.source_id AND pi_email IS OLD.pi_email
    AND project_id IS OLD.project_id AND service_name IS OLD.service_name
    AND pi_name IS OLD.pi_name AND fund_org IS OLD.fund_org
    AND billing_currency = OLD.billing_currency AND review_status = OLD.review_status
    AND charges = 0;
  INSERT INTO charge_rollups (period, source_id, pi_email, pi_name, project_id, fund_org,
    service_name, billing_currency, review_status, charges, billed_cost, list_cost)
  SELECT NEW.period, NEW.source_id, NEW.pi_email, NEW.pi_name, NEW.project_id, NEW.fund_org,
    NEW.service_name, NEW.billing_currency, NEW.review_status, 0, 0, 0
  WHERE NOT EXISTS (SELECT 1 FROM charge_rollups r
    WHERE r.period = NEW.period AND r.source_id = NEW.source_id AND r.pi_email IS NEW.pi_email
      AND r.project_id IS NEW.project_id AND r.service_name IS NEW.service_name
      AND r.pi_name IS NEW.pi_name AND r.fund_org IS NEW.fund_org
      AND r.billing_currency = NEW.billing_currency AND r.review_status = NEW.review_status);
  UPDATE charge_rollups SET charges = charges + 1, billed_cost = billed_cost + NEW.billed_cost,
    list_cost = list_cost + NEW.list_cost
  WHERE period = NEW.period AND source_id = NEW.source_id AND pi_email IS NEW.pi_email
    AND project_id IS NEW.project_id AND service_name IS NEW.service_name
    AND pi_name IS NEW.pi_name AND fund_org IS NEW.fund_org
    AND billing_currency = NEW.billing_currency AND review_status = NEW.review_status;
END;

-- Every column of a charge by its own name, texts resolved (same columns, same order as
-- the charges table had before this migration).
CREATE VIEW charge_values AS
SELECT c.id,
  c.source_id,
  c.period,
  c.import_id,
  c.fingerprint,
  c.occurrence,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.file_name_ref) AS file_name,
  c.line_no,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.billing_period_start_ref) AS billing_period_start,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.billing_period_end_ref) AS billing_period_end,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.charge_period_start_ref) AS charge_period_start,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.charge_period_end_ref) AS charge_period_end,
  c.billed_cost,
  c.list_cost,
  c.contracted_cost,
  c.effective_cost,
  c.list_unit_price,
  c.contracted_unit_price,
  c.pricing_quantity,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.pricing_unit_ref) AS pricing_unit,
  c.consumed_quantity,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.consumed_unit_ref) AS consumed_unit,
  c.billing_currency,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.charge_category_ref) AS charge_category,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.charge_class_ref) AS charge_class,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.charge_description_ref) AS charge_description,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.charge_frequency_ref) AS charge_frequency,
  c.service_name,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.service_category_ref) AS service_category,
  c.resource_id,
  c.resource_name,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.resource_type_ref) AS resource_type,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.region_id_ref) AS region_id,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.sub_account_id_ref) AS sub_account_id,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.sub_account_name_ref) AS sub_account_name,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.billing_account_id_ref) AS billing_account_id,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.provider_name_ref) AS provider_name,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.publisher_name_ref) AS publisher_name,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.invoice_issuer_name_ref) AS invoice_issuer_name,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.invoice_id_ref) AS invoice_id,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.sku_id_ref) AS sku_id,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.sku_price_id_ref) AS sku_price_id,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.tags_ref) AS tags,
  (SELECT t.value FROM charge_texts t WHERE t.id = c.extra_ref) AS extra,
  c.pi_email,
  c.pi_name,
  c.project_id,
  c.fund_org,
  c.cost_center,
  c.reference_1,
  c.reference_2,
  c.account_code,
  c.flags,
  c.review_status,
  c.review_note,
  c.reviewed_by,
  c.reviewed_at,
  c.attribution
FROM charges c;

-- Writing through the view (tests' seeds, hand repairs): the texts are interned, the charge
-- is inserted. The ingest writes charges directly (charge_texts.ts).
CREATE TRIGGER charge_values_insert INSTEAD OF INSERT ON charge_values
BEGIN
  INSERT OR IGNORE INTO charge_texts (value) SELECT v FROM (
    SELECT NEW.file_name AS v UNION ALL
    SELECT NEW.billing_period_start AS v UNION ALL
    SELECT NEW.billing_period_end AS v UNION ALL
    SELECT NEW.charge_period_start AS v UNION ALL
    SELECT NEW.charge_period_end AS v UNION ALL
    SELECT NEW.pricing_unit AS v UNION ALL
    SELECT NEW.consumed_unit AS v UNION ALL
    SELECT NEW.charge_category AS v UNION ALL
    SELECT NEW.charge_class AS v UNION ALL
    SELECT NEW.charge_description AS v UNION ALL
    SELECT NEW.charge_frequency AS v UNION ALL
    SELECT NEW.service_category AS v UNION ALL
    SELECT NEW.resource_type AS v UNION ALL
    SELECT NEW.region_id AS v UNION ALL
    SELECT NEW.sub_account_id AS v UNION ALL
    SELECT NEW.sub_account_name AS v UNION ALL
    SELECT NEW.billing_account_id AS v UNION ALL
    SELECT NEW.provider_name AS v UNION ALL
    SELECT NEW.publisher_name AS v UNION ALL
    SELECT NEW.invoice_issuer_name AS v UNION ALL
    SELECT NEW.invoice_id AS v UNION ALL
    SELECT NEW.sku_id AS v UNION ALL
    SELECT NEW.sku_price_id AS v UNION ALL
    SELECT NEW.tags AS v UNION ALL
    SELECT NEW.extra AS v
  ) WHERE v IS NOT NULL;
  INSERT INTO charges (id, source_id, period, import_id, fingerprint, occurrence, file_name_ref, line_no, billing_period_start_ref, billing_period_end_ref, charge_period_start_ref, charge_period_end_ref, billed_cost, list_cost, contracted_cost, effective_cost, list_unit_price, contracted_unit_price, pricing_quantity, pricing_unit_ref, consumed_quantity, consumed_unit_ref, billing_currency, charge_category_ref, charge_class_ref, charge_description_ref, charge_frequency_ref, service_name, service_category_ref, resource_id, resource_name, resource_type_ref, region_id_ref, sub_account_id_ref, sub_account_name_ref, billing_account_id_ref, provider_name_ref, publisher_name_ref, invoice_issuer_name_ref, invoice_id_ref, sku_id_ref, sku_price_id_ref, tags_ref, extra_ref, pi_email, pi_name, project_id, fund_org, cost_center, reference_1, reference_2, account_code, flags, review_status, review_note, reviewed_by, reviewed_at, attribution)
  VALUES (NEW.id,
    NEW.source_id,
    NEW.period,
    NEW.import_id,
    NEW.fingerprint,
    NEW.occurrence,
    (SELECT id FROM charge_texts WHERE value = NEW.file_name),
    NEW.line_no,
    (SELECT id FROM charge_texts WHERE value = NEW.billing_period_start),
    (SELECT id FROM charge_texts WHERE value = NEW.billing_period_end),
    (SELECT id FROM charge_texts WHERE value = NEW.charge_period_start),
    (SELECT id FROM charge_texts WHERE value = NEW.charge_period_end),
    NEW.billed_cost,
    NEW.list_cost,
    NEW.contracted_cost,
    NEW.effective_cost,
    NEW.list_unit_price,
    NEW.contracted_unit_price,
    NEW.pricing_quantity,
    (SELECT id FROM charge_texts WHERE value = NEW.pricing_unit),
    NEW.consumed_quantity,
    (SELECT id FROM charge_texts WHERE value = NEW.consumed_unit),
    NEW.billing_currency,
    (SELECT id FROM charge_texts WHERE value = NEW.charge_category),
    (SELECT id FROM charge_texts WHERE value = NEW.charge_class),
    (SELECT id FROM charge_texts WHERE value = NEW.charge_description),
    (SELECT id FROM charge_texts WHERE value = NEW.charge_frequency),
    NEW.service_name,
    (SELECT id FROM charge_texts WHERE value = NEW.service_category),
    NEW.resource_id,
    NEW.resource_name,
    (SELECT id FROM charge_texts WHERE value = NEW.resource_type),
    (SELECT id FROM charge_texts WHERE value = NEW.region_id),
    (SELECT id FROM charge_texts WHERE value = NEW.sub_account_id),
    (SELECT id FROM charge_texts WHERE value = NEW.sub_account_name),
    (SELECT id FROM charge_texts WHERE value = NEW.billing_account_id),
    (SELECT id FROM charge_texts WHERE value = NEW.provider_name),
    (SELECT id FROM charge_texts WHERE value = NEW.publisher_name),
    (SELECT id FROM charge_texts WHERE value = NEW.invoice_issuer_name),
    (SELECT id FROM charge_texts WHERE value = NEW.invoice_id),
    (SELECT id FROM charge_texts WHERE value = NEW.sku_id),
    (SELECT id FROM charge_texts WHERE value = NEW.sku_price_id),
    (SELECT id FROM charge_texts WHERE value = NEW.tags),
    (SELECT id FROM charge_texts WHERE value = NEW.extra),
    NEW.pi_email,
    NEW.pi_name,
    NEW.project_id,
    NEW.fund_org,
    NEW.cost_center,
    NEW.reference_1,
    NEW.reference_2,
    NEW.account_code,
    NEW.flags,
    NEW.review_status,
    NEW.review_note,
    NEW.reviewed_by,
    NEW.reviewed_at,
    NEW.attribution);
END;
