/**
 * Fund splits and fund expiry dates kept in the database (edited on the web;
 * the config's funding.splits and funding.funds are read-only). Percents are
 * integers in hundredths of a percent. The callers audit every change.
 */

import type { Database } from "./database.ts";

/** A stored split with its shares (in position order). */
export interface FundSplitRow {
  id: number;
  project_id: string;
  from_month: string;
  until_month: string | null;
  shares: { fund_org: string; hundredths: number }[];
  updated_by: string;
  updated_at: string;
}

interface SplitHead {
  id: number;
  project_id: string;
  from_month: string;
  until_month: string | null;
  updated_by: string;
  updated_at: string;
  shares: string;
}

const SELECT_SPLITS = `SELECT s.id, s.project_id, s.from_month, s.until_month, s.updated_by,
    s.updated_at,
    (SELECT json_group_array(json_object('fund_org', fund_org, 'hundredths', hundredths))
       FROM (SELECT fund_org, hundredths FROM fund_split_shares x WHERE x.split_id = s.id
             ORDER BY position)) AS shares
  FROM fund_splits s`;

function toRow(h: SplitHead): FundSplitRow {
  return { ...h, shares: JSON.parse(h.shares) };
}

/** Every stored split, by project, then first month, then id. */
export function listFundSplitRows(db: Database): FundSplitRow[] {
  return db.all<SplitHead>(`${SELECT_SPLITS} ORDER BY s.project_id, s.from_month, s.id`)
    .map(toRow);
}

/** One stored split, or undefined. */
export function findFundSplitRow(db: Database, id: number): FundSplitRow | undefined {
  const h = db.get<SplitHead>(`${SELECT_SPLITS} WHERE s.id = ?`, id);
  return h ? toRow(h) : undefined;
}

/** What a split is written as. */
export interface FundSplitWrite {
  projectId: string;
  from: string;
  until: string | null;
  shares: { fundOrg: string; hundredths: number }[];
  by: string;
  at: string;
}

function writeShares(db: Database, id: number, s: FundSplitWrite): void {
  db.run("DELETE FROM fund_split_shares WHERE split_id = ?", id);
  s.shares.forEach((x, i) =>
    db.run(
      "INSERT INTO fund_split_shares (split_id, position, fund_org, hundredths) VALUES (?, ?, ?, ?)",
      id,
      i + 1,
      x.fundOrg,
      x.hundredths,
    )
  );
}

/** Add a split (inside the caller's transaction); returns its id. */
export function insertFundSplit(db: Database, s: FundSplitWrite): number {
  const id = db.run(
    `INSERT INTO fund_splits (project_id, from_month, until_month, created_by, created_at,
       updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    s.projectId,
    s.from,
    s.until,
    s.by,
    s.at,
    s.by,
    s.at,
  ).lastInsertRowid;
  writeShares(db, id, s);
  return id;
}

/** Replace a split's definition (inside the caller's transaction). */
export function updateFundSplit(db: Database, id: number, s: FundSplitWrite): number {
  const n = db.run(
    `UPDATE fund_splits SET project_id = ?, from_month = ?, until_month = ?, updated_by = ?,
       updated_at = ? WHERE id = ?`,
    s.projectId,
    s.from,
    s.until,
    s.by,
    s.at,
    id,
  ).changes;
  if (n > 0) writeShares(db, id, s);
  return n;
}

/** Delete a split (its shares go with it). */
export function deleteFundSplit(db: Database, id: number): number {
  return db.run("DELETE FROM fund_splits WHERE id = ?", id).changes;
}

/** A stored fund expiry. */
export interface FundExpiryRow {
  fund_org: string;
  expires: string;
  updated_by: string;
  updated_at: string;
}

/** Every stored fund expiry, by fund/org. */
export function listFundExpiryRows(db: Database): FundExpiryRow[] {
  return db.all<FundExpiryRow>("SELECT * FROM fund_expiries ORDER BY fund_org");
}

/** One stored fund expiry, or undefined. */
export function findFundExpiryRow(db: Database, fundOrg: string): FundExpiryRow | undefined {
  return db.get<FundExpiryRow>("SELECT * FROM fund_expiries WHERE fund_org = ?", fundOrg);
}

/** Set a fund's expiry date. */
export function upsertFundExpiry(
  db: Database,
  e: { fundOrg: string; expires: string; by: string; at: string },
): void {
  db.run(
    `INSERT INTO fund_expiries (fund_org, expires, updated_by, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (fund_org) DO UPDATE SET expires = excluded.expires,
       updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    e.fundOrg,
    e.expires,
    e.by,
    e.at,
  );
}

/** Remove a fund's stored expiry date. */
export function deleteFundExpiry(db: Database, fundOrg: string): number {
  return db.run("DELETE FROM fund_expiries WHERE fund_org = ?", fundOrg).changes;
}
