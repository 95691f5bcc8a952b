-- Rollups: per (period, source, PI, PI name, project, fund/org, service, currency, review status)
-- the number of charges and the sums of their billed and list costs. The web pages and the
-- periods list read these (about 15,000 rows at a million charges) instead of the charges.
-- Kept exact by the triggers below, in the same statement (so the same transaction) as every
-- insert, delete or update of charges, whoever writes them. See src/storage/rollups_repo.ts.
-- Note: INSERT OR REPLACE into charges would delete rows without firing the delete trigger
-- (recursive_triggers is off); nothing writes charges that way.

CREATE TABLE charge_rollups (
  id INTEGER PRIMARY KEY,
  period TEXT NOT NULL,
  source_id INTEGER NOT NULL,
  pi_email TEXT,
  pi_name TEXT,
  project_id TEXT,
  fund_org TEXT,
  service_name TEXT,
  billing_currency TEXT NOT NULL,
  review_status TEXT NOT NULL,
  charges INTEGER NOT NULL,
  billed_cost INTEGER NOT NULL,      -- micro-units
  list_cost INTEGER NOT NULL         -- micro-units
);
CREATE INDEX charge_rollups_key
  ON charge_rollups (period, source_id, pi_email, project_id, service_name);
CREATE INDEX charge_rollups_pi ON charge_rollups (pi_email, period);
CREATE INDEX charge_rollups_project ON charge_rollups (project_id, period);

INSERT INTO charge_rollups (period, source_id, pi_email, pi_name, project_id, fund_org,
  service_name, billing_currency, review_status, charges, billed_cost, list_cost)
SELECT period, source_id, pi_email, pi_name, project_id, fund_org, service_name,
  billing_currency, review_status, count(*), sum(billed_cost), sum(list_cost)
FROM charges
GROUP BY period, source_id, pi_email, pi_name, project_id, fund_org, service_name,
  billing_currency, review_status;

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

-- The charges list of one PI sorted by cost (either direction) reads only the page it shows;
-- the rowid (id) at the end of the key breaks ties.
CREATE INDEX charges_period_pi_cost ON charges (period, pi_email, billed_cost);

-- The review queue of a period, in its display order, reads only the page it shows (a partial
-- index: only charges awaiting review are in it, so imports barely pay for it).
CREATE INDEX charges_pending_order ON charges (period, pi_email, project_id)
  WHERE review_status = 'pending';
