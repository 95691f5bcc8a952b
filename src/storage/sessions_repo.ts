/** Server-side web sessions (stored by the sha256 of their id) and login attempts. */

import type { Database } from "./database.ts";

/** A stored session. */
export interface SessionRow {
  id_hash: string;
  user_name: string;
  /** Where the user was found at sign-in: a session never switches between the two. */
  user_origin: "database" | "config";
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
}

/** Insert a new session. */
export function insertSession(db: Database, s: SessionRow): void {
  db.run(
    `INSERT INTO sessions (id_hash, user_name, user_origin, csrf_token, created_at, last_seen_at,
       expires_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    s.id_hash,
    s.user_name,
    s.user_origin,
    s.csrf_token,
    s.created_at,
    s.last_seen_at,
    s.expires_at,
    s.ip,
    s.user_agent,
  );
}

/** The session with this id hash, or undefined. */
export function findSession(db: Database, idHash: string): SessionRow | undefined {
  return db.get<SessionRow>("SELECT * FROM sessions WHERE id_hash = ?", idHash);
}

/** Record activity on a session (idle timeout restarts). */
export function touchSession(db: Database, idHash: string, at: string): void {
  db.run("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?", at, idHash);
}

/** Delete one session. */
export function deleteSession(db: Database, idHash: string): void {
  db.run("DELETE FROM sessions WHERE id_hash = ?", idHash);
}

/** Delete every session of a user; returns how many. */
export function deleteUserSessions(db: Database, userName: string): number {
  return db.run("DELETE FROM sessions WHERE user_name = ?", userName).changes;
}

/** Delete sessions past their absolute end or idle since before `idleBefore`. */
export function deleteExpiredSessions(db: Database, now: string, idleBefore: string): number {
  return db.run("DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at < ?", now, idleBefore)
    .changes;
}

/** Record one login attempt. */
export function insertLoginAttempt(
  db: Database,
  a: { at: string; login: string; ip: string; success: boolean },
): void {
  db.run(
    "INSERT INTO login_attempts (at, login, ip, success) VALUES (?, ?, ?, ?)",
    a.at,
    a.login.trim().toLowerCase(),
    a.ip,
    a.success ? 1 : 0,
  );
}

/** Failed attempts for a login since `since`, not counting those before its last success. */
export function countLoginFailures(db: Database, login: string, since: string): number {
  const key = login.trim().toLowerCase();
  return db.get<{ n: number }>(
    `SELECT count(*) AS n FROM login_attempts WHERE login = ? AND success = 0 AND at >= max(?,
       coalesce((SELECT max(at) FROM login_attempts WHERE login = ? AND success = 1), ''))`,
    key,
    since,
    key,
  )?.n ?? 0;
}

/** Failed attempts from an address since `since`. */
export function countAddressFailures(db: Database, ip: string, since: string): number {
  return db.get<{ n: number }>(
    "SELECT count(*) AS n FROM login_attempts WHERE ip = ? AND success = 0 AND at >= ?",
    ip,
    since,
  )?.n ?? 0;
}

/** The oldest failure of a login or address since `since` (when its lock lifts). */
export function oldestFailureSince(
  db: Database,
  by: { login?: string; ip?: string },
  since: string,
): string | undefined {
  const row = by.login !== undefined
    ? db.get<{ at: string | null }>(
      "SELECT min(at) AS at FROM login_attempts WHERE login = ? AND success = 0 AND at >= ?",
      by.login.trim().toLowerCase(),
      since,
    )
    : db.get<{ at: string | null }>(
      "SELECT min(at) AS at FROM login_attempts WHERE ip = ? AND success = 0 AND at >= ?",
      by.ip ?? "",
      since,
    );
  return row?.at ?? undefined;
}

/** Forget attempts older than `before`. */
export function deleteLoginAttemptsBefore(db: Database, before: string): number {
  return db.run("DELETE FROM login_attempts WHERE at < ?", before).changes;
}
