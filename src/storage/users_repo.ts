/** Web users stored in the database (config `web.users` are bootstrap users, see src/users/). */

import type { Database } from "./database.ts";

/** The roles a user can have. */
export type UserRole = "admin" | "reviewer" | "viewer" | "pi";

/** A stored user. */
export interface UserRow {
  id: number;
  name: string;
  email: string;
  display_name: string;
  role: UserRole;
  password_hash: string;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
  password_changed_at: string;
}

/** What insertUser needs. */
export interface NewUser {
  name: string;
  email: string;
  displayName: string;
  role: UserRole;
  passwordHash: string;
}

/** The user with this name (any case), or undefined. */
export function findUserByName(db: Database, name: string): UserRow | undefined {
  return db.get<UserRow>("SELECT * FROM users WHERE name = ?", name.trim());
}

/** The user with this email (any case), or undefined. */
export function findUserByEmail(db: Database, email: string): UserRow | undefined {
  return db.get<UserRow>("SELECT * FROM users WHERE email = ?", email.trim());
}

/** Insert a user; the caller has checked name and email are free. */
export function insertUser(db: Database, u: NewUser, at: string): UserRow {
  const { lastInsertRowid } = db.run(
    `INSERT INTO users (name, email, display_name, role, password_hash, created_at, updated_at,
       password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    u.name.trim(),
    u.email.trim().toLowerCase(),
    u.displayName,
    u.role,
    u.passwordHash,
    at,
    at,
    at,
  );
  return db.get<UserRow>("SELECT * FROM users WHERE id = ?", lastInsertRowid)!;
}

/** Replace a user's password hash. */
export function updateUserPassword(db: Database, name: string, hash: string, at: string): void {
  db.run(
    "UPDATE users SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE name = ?",
    hash,
    at,
    at,
    name,
  );
}

/** Disable (at = a time) or enable (at = null) a user. */
export function updateUserDisabled(db: Database, name: string, at: string | null, now: string) {
  db.run("UPDATE users SET disabled_at = ?, updated_at = ? WHERE name = ?", at, now, name);
}

/** Change a user's role. */
export function updateUserRole(db: Database, name: string, role: UserRole, at: string): void {
  db.run("UPDATE users SET role = ?, updated_at = ? WHERE name = ?", role, at, name);
}

/** All database users, by name. */
export function listUserRows(db: Database): UserRow[] {
  return db.all<UserRow>("SELECT * FROM users ORDER BY name");
}
