-- Web interface: database users, server-side sessions and login attempts (throttling).

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE,       -- login name
  email TEXT NOT NULL COLLATE NOCASE,      -- login email (for role pi: the PI's pi_email)
  display_name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'viewer', 'pi')),
  password_hash TEXT NOT NULL,             -- bcrypt
  disabled_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
);
CREATE UNIQUE INDEX users_name ON users (name);
CREATE UNIQUE INDEX users_email ON users (email);

-- Only the sha256 of the session id is stored: a stolen database copy opens no session.
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_name TEXT NOT NULL COLLATE NOCASE,
  user_origin TEXT NOT NULL CHECK (user_origin IN ('database', 'config')),  -- where it signed in
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,                -- absolute end (web.session_lifetime_hours)
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_name);

CREATE TABLE login_attempts (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  login TEXT NOT NULL,                     -- as typed, lower-cased
  ip TEXT NOT NULL,
  success INTEGER NOT NULL CHECK (success IN (0, 1))
);
CREATE INDEX login_attempts_login ON login_attempts (login, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);

-- Dashboard aggregates (totals, cost by source, 12-month trend) read only this index, not the
-- charges rows: about 15x faster at a million charges.
CREATE INDEX charges_period_totals
  ON charges (period, billing_currency, review_status, source_id, billed_cost, list_cost);
