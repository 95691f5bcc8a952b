/**
 * Attribution rules kept in the database (edited on the web), the PI
 * directory (names, departments, alias emails) and the re-attribution of
 * stored charges. The callers audit every change.
 */

import type { Database } from "./database.ts";
import { billableSql } from "./sql_rules.ts";

/** A stored attribution rule (match and assign are JSON objects). */
export interface AttributionRuleRow {
  id: number;
  position: number;
  name: string;
  source: string | null;
  match: string;
  assign: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

/** The stored rules in evaluation order. */
export function listAttributionRuleRows(db: Database): AttributionRuleRow[] {
  return db.all<AttributionRuleRow>(
    "SELECT * FROM attribution_rules ORDER BY position, id",
  );
}

/** One stored rule by name (any case). */
export function findAttributionRuleRow(db: Database, name: string): AttributionRuleRow | undefined {
  return db.get<AttributionRuleRow>("SELECT * FROM attribution_rules WHERE name = ?", name);
}

/** Add a rule at the end of the order; returns its id. */
export function insertAttributionRule(
  db: Database,
  r: { name: string; source: string | null; match: string; assign: string; by: string; at: string },
): number {
  const pos = db.get<{ p: number }>(
    "SELECT coalesce(max(position), 0) + 1 AS p FROM attribution_rules",
  )!.p;
  return db.run(
    `INSERT INTO attribution_rules (position, name, source, match, assign, created_by,
       created_at, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    pos,
    r.name,
    r.source,
    r.match,
    r.assign,
    r.by,
    r.at,
    r.by,
    r.at,
  ).lastInsertRowid;
}

/** Replace a rule's definition. */
export function updateAttributionRule(
  db: Database,
  id: number,
  r: { name: string; source: string | null; match: string; assign: string; by: string; at: string },
): number {
  return db.run(
    `UPDATE attribution_rules SET name = ?, source = ?, match = ?, assign = ?, updated_by = ?,
       updated_at = ? WHERE id = ?`,
    r.name,
    r.source,
    r.match,
    r.assign,
    r.by,
    r.at,
    id,
  ).changes;
}

/** Number the rules 1, 2, ... in the order of `ids` (inside the caller's transaction). */
export function setAttributionRuleOrder(db: Database, ids: number[]): void {
  ids.forEach((id, i) =>
    db.run("UPDATE attribution_rules SET position = ? WHERE id = ?", i + 1, id)
  );
}

/** Delete a rule. */
export function deleteAttributionRule(db: Database, id: number): number {
  return db.run("DELETE FROM attribution_rules WHERE id = ?", id).changes;
}

/** A PI of the directory with its aliases. */
export interface PiRow {
  email: string;
  name: string;
  department: string;
  /** Alias emails, `;`-separated (may be empty). */
  aliases: string;
}

/** The PI directory, by email. */
export function listPiRows(db: Database): PiRow[] {
  return db.all<PiRow>(
    `SELECT p.email, p.name, p.department,
       coalesce((SELECT group_concat(alias, ';') FROM
         (SELECT alias FROM pi_aliases a WHERE a.email = p.email ORDER BY alias)), '') AS aliases
     FROM pis p ORDER BY p.email`,
  );
}

/** One PI by canonical email or alias (any case). */
export function findPiRow(db: Database, email: string): PiRow | undefined {
  return listPiRowsWhere(db, email)[0];
}

function listPiRowsWhere(db: Database, email: string): PiRow[] {
  return db.all<PiRow>(
    `SELECT p.email, p.name, p.department,
       coalesce((SELECT group_concat(alias, ';') FROM
         (SELECT alias FROM pi_aliases a WHERE a.email = p.email ORDER BY alias)), '') AS aliases
     FROM pis p WHERE p.email = ?1
        OR p.email = (SELECT email FROM pi_aliases WHERE alias = ?1)`,
    email,
  );
}

/** Alias -> canonical email, every alias of the directory. */
export function piAliasMap(db: Database): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of db.all<{ alias: string; email: string }>("SELECT alias, email FROM pi_aliases")) {
    out[r.alias.toLowerCase()] = r.email.toLowerCase();
  }
  return out;
}

/** Insert or replace a PI and its aliases. */
export function upsertPi(
  db: Database,
  p: { email: string; name: string; department: string; aliases: string[]; by: string; at: string },
): void {
  db.run(
    `INSERT INTO pis (email, name, department, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (email) DO UPDATE SET name = excluded.name, department = excluded.department,
       updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    p.email,
    p.name,
    p.department,
    p.by,
    p.at,
  );
  db.run("DELETE FROM pi_aliases WHERE email = ?", p.email);
  for (const a of p.aliases) {
    db.run(
      `INSERT INTO pi_aliases (alias, email) VALUES (?, ?)
       ON CONFLICT (alias) DO UPDATE SET email = excluded.email`,
      a,
      p.email,
    );
  }
}

/** Delete a PI (its aliases go with it). */
export function deletePi(db: Database, email: string): number {
  return db.run("DELETE FROM pis WHERE email = ?", email).changes;
}

/** True when any charge names `email` as its PI. */
export function anyChargeOfPi(db: Database, email: string): boolean {
  return db.get("SELECT 1 AS x FROM charges WHERE pi_email = ? LIMIT 1", email.toLowerCase()) !==
    undefined;
}

/** The attribution-relevant columns of a stored charge. */
export interface ChargeAttributionRow {
  id: number;
  period: string;
  source_name: string;
  review_status: string;
  billed_cost: number;
  billing_currency: string;
  tags: string | null;
  extra: string | null;
  service_name: string | null;
  resource_id: string | null;
  resource_name: string | null;
  pi_email: string | null;
  pi_name: string | null;
  project_id: string | null;
  fund_org: string | null;
  cost_center: string | null;
  reference_1: string | null;
  reference_2: string | null;
  account_code: string | null;
  flags: string | null;
  attribution: string | null;
  [column: string]: unknown;
}

// charge_values: every column with its text (charge_texts.ts)
const ATTRIBUTION_SELECT = `SELECT c.*, s.name AS source_name FROM charge_values c
  JOIN sources s ON s.id = c.source_id`;

/** Every charge of a period (every column), by id. */
export function listChargesForAttribution(db: Database, period: string): ChargeAttributionRow[] {
  return db.all<ChargeAttributionRow>(
    `${ATTRIBUTION_SELECT} WHERE c.period = ? ORDER BY c.id`,
    period,
  );
}

/** The charges with these ids (every column). */
export function findChargesForAttribution(db: Database, ids: number[]): ChargeAttributionRow[] {
  if (ids.length === 0) return [];
  return db.all<ChargeAttributionRow>(
    `${ATTRIBUTION_SELECT} WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.id`,
    JSON.stringify(ids),
  );
}

/** New attribution, flags and review status of one charge. */
export interface ChargeAttributionUpdate {
  id: number;
  piEmail: string | null;
  piName: string | null;
  projectId: string | null;
  fundOrg: string | null;
  costCenter: string | null;
  reference1: string | null;
  reference2: string | null;
  accountCode: string | null;
  flags: string | null;
  attribution: string | null;
  reviewStatus: string;
}

/** Write re-attributed charges (inside the caller's transaction). */
export function updateChargeAttribution(db: Database, rows: ChargeAttributionUpdate[]): number {
  let n = 0;
  for (const r of rows) {
    n += db.run(
      `UPDATE charges SET pi_email = ?, pi_name = ?, project_id = ?, fund_org = ?,
         cost_center = ?, reference_1 = ?, reference_2 = ?, account_code = ?, flags = ?,
         attribution = ?, review_status = ? WHERE id = ?`,
      r.piEmail,
      r.piName,
      r.projectId,
      r.fundOrg,
      r.costCenter,
      r.reference1,
      r.reference2,
      r.accountCode,
      r.flags,
      r.attribution,
      r.reviewStatus,
      r.id,
    ).changes;
  }
  return n;
}

/** A billable charge whose PI email or fund/org may not be billable (the generate gate). */
export interface AttributionGapRow {
  id: number;
  source_name: string;
  pi_email: string | null;
  project_id: string | null;
  fund_org: string | null;
  billed_cost: number;
  billing_currency: string;
}

/** Distinct PI emails of a period's billable charges (to check their form). */
export function billablePiEmails(db: Database, period: string): string[] {
  return db.all<{ e: string }>(
    `SELECT DISTINCT pi_email AS e FROM charges
     WHERE period = ? AND ${billableSql()} AND pi_email IS NOT NULL`,
    period,
  ).map((r) => r.e);
}

/**
 * Billable charges of a period with no PI email, a PI email in `badEmails`,
 * or no fund/org (except projects in `splitProjects`, billed to their split's
 * funds), optionally only of some PIs or projects; by id.
 */
export function listAttributionGaps(
  db: Database,
  period: string,
  badEmails: string[],
  splitProjects: string[],
  piEmails: string[] = [],
  projectIds: string[] = [],
): AttributionGapRow[] {
  return db.all<AttributionGapRow>(
    `SELECT c.id, s.name AS source_name, c.pi_email, c.project_id, c.fund_org, c.billed_cost,
       c.billing_currency
     FROM charges c JOIN sources s ON s.id = c.source_id
     WHERE c.period = ?1 AND ${billableSql("c")}
       AND (coalesce(trim(c.pi_email), '') = '' OR c.pi_email IN (SELECT value FROM json_each(?2))
         OR (coalesce(trim(c.fund_org), '') = ''
           AND coalesce(c.project_id, '') NOT IN (SELECT value FROM json_each(?3))))
       AND (json_array_length(?4) = 0 OR c.pi_email IN (SELECT value FROM json_each(?4)))
       AND (json_array_length(?5) = 0 OR c.project_id IN (SELECT value FROM json_each(?5)))
     ORDER BY c.id`,
    period,
    JSON.stringify(badEmails),
    JSON.stringify(splitProjects),
    JSON.stringify(piEmails),
    JSON.stringify(projectIds),
  );
}
