/**
 * Server-side sessions: a random 32-byte id goes to the browser, only its
 * sha256 is stored. Idle timeout (`web.session_idle_minutes`) and absolute
 * lifetime (`web.session_lifetime_hours`); revoked at logout, password change
 * and when the user is disabled.
 */

import { audit } from "../audit/mod.ts";
import { createHash, randomBytes } from "node:crypto";
import type { AppContext } from "../app_context.ts";
import {
  deleteExpiredSessions,
  deleteSession,
  findSession,
  insertSession,
  type SessionRow,
  touchSession,
} from "../storage/mod.ts";
import { type EffectiveUser, findEffectiveUser } from "./user_directory.ts";

/** A new session: `id` goes in the cookie, `csrfToken` in forms. */
export interface NewSession {
  id: string;
  csrfToken: string;
  expiresAt: string;
}

/** A live session and its user. */
export interface ActiveSession {
  session: SessionRow;
  user: EffectiveUser;
}

/** Record activity at most this often (ms). */
const TOUCH_EVERY_MS = 60_000;

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function idleLimit(ctx: AppContext, now: Date): string {
  return new Date(now.getTime() - ctx.config.web.session_idle_minutes * 60_000).toISOString();
}

/** Start a session for `user` (a fresh id at every login). */
export function startSession(
  ctx: AppContext,
  user: EffectiveUser,
  client: { ip: string; userAgent: string },
): NewSession {
  const now = ctx.now();
  const at = now.toISOString();
  const id = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + ctx.config.web.session_lifetime_hours * 3_600_000)
    .toISOString();
  ctx.db.transaction(() => {
    deleteExpiredSessions(ctx.db, at, idleLimit(ctx, now));
    insertSession(ctx.db, {
      id_hash: sha256(id),
      user_name: user.name,
      user_origin: user.origin,
      csrf_token: csrfToken,
      created_at: at,
      last_seen_at: at,
      expires_at: expiresAt,
      ip: client.ip,
      user_agent: client.userAgent.slice(0, 300),
    });
  });
  return { id, csrfToken, expiresAt };
}

/**
 * The live session with this cookie id and its (current) user, or null when
 * unknown, expired (idle or absolute), or its user is gone or disabled.
 */
export function resolveSession(ctx: AppContext, id: string | undefined): ActiveSession | null {
  if (!id || id.length > 100) return null;
  const hash = sha256(id);
  const session = findSession(ctx.db, hash);
  if (!session) return null;
  const now = ctx.now();
  const at = now.toISOString();
  if (session.expires_at <= at || session.last_seen_at < idleLimit(ctx, now)) {
    deleteSession(ctx.db, hash);
    return null;
  }
  const user = findEffectiveUser(ctx, session.user_name);
  if (!user || user.disabled || user.origin !== session.user_origin) {
    deleteSession(ctx.db, hash);
    return null;
  }
  if (now.getTime() - new Date(session.last_seen_at).getTime() >= TOUCH_EVERY_MS) {
    touchSession(ctx.db, hash, at);
    session.last_seen_at = at;
  }
  return { session, user };
}

/** End the session with this cookie id (logout). Audited. */
export function endSession(ctx: AppContext, id: string): void {
  const hash = sha256(id);
  const session = findSession(ctx.db, hash);
  if (!session) return;
  ctx.db.transaction(() => {
    deleteSession(ctx.db, hash);
    audit(ctx, "web.logout", undefined, {
      entity: "user",
      entityId: session.user_name,
      at: ctx.now().toISOString(),
    });
  });
}
