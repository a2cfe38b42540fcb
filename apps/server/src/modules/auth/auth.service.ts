/**
 * Login, sessions, password changes. Sessions live in the database (ADR 0002): the cookie
 * holds 32 random bytes; the table holds their SHA-256, so a leaked table is no login.
 * Every password check goes through the sign-in counters (ADR 0009).
 */
import crypto from 'node:crypto';
import { NewPassword, registerDayOf, type ChangePasswordInput, type LoginInput, type MeDto } from '@chibo/core';
import { AppError } from '../../lib/app-error.ts';
import type { Actor, Clock, Ctx } from '../../lib/context.ts';
import { burnPasswordTime, hashPassword, verifyPassword } from '../../lib/passwords.ts';
import { requireActor } from '../../lib/policy.ts';
import type { Db, Queryable, Tx } from '../../db/client.ts';
import { recordChange } from '../audit/audit.service.ts';
import { recordCellIdOn } from '../members/members.service.ts';
import { findOrganization } from '../organizations/organizations.service.ts';
import * as repo from './auth.repo.ts';
import { presentMe } from './auth.presenter.ts';
import { accountKeyPrefix, sourceOf, throttleKeys } from './login-throttle.ts';
import { claimAttempt, settleFailure, settleSuccess, type ThrottleSettings } from './login-throttle.service.ts';

export interface AuthSettings extends ThrottleSettings {
  sessionTtlHours: number;
  sessionMaxHours: number;
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

const randomToken = () => crypto.randomBytes(32).toString('base64url');

export interface LoginResult {
  token: string;
  /** The cookie lives as long as the session can: the server enforces the idle expiry. */
  cookieExpiresAt: Date;
  me: MeDto;
}

/** An account's own event, filed under the account's organization so its officers can read it. */
function auditAccountEvent(
  tx: Tx,
  clock: Clock,
  e: { at: Date; actor: { accountId: string; displayName: string } | null; actorName?: string; action: string; accountId: string; where: { id: string; path: string } | undefined; data?: Record<string, unknown> },
): Promise<void> {
  return recordChange(tx, { actor: null, clock }, {
    at: e.at,
    by: { accountId: e.actor?.accountId ?? null, name: e.actor?.displayName ?? e.actorName ?? null },
    action: e.action,
    targetType: 'account',
    targetId: e.accountId,
    organization: e.where ?? null,
    ...(e.data ? { data: e.data } : {}),
  });
}

/**
 * An unknown name and a wrong password do the same work in the same order (look up, count,
 * hash), and unknown names are counted like accounts, so the answers tell nothing about
 * which accounts exist. The one timing difference left is the audit entry written when a
 * real account locks (ADR 0009).
 */
export async function login(
  ctx: Ctx,
  settings: AuthSettings,
  input: LoginInput,
  meta: { ip: string; userAgent: string | undefined },
): Promise<LoginResult> {
  const account = await repo.findAccountByLogin(ctx.db, input.login);
  const claim = await claimAttempt(ctx, settings, throttleKeys(sourceOf(meta.ip), account ? { accountId: account.id } : { login: input.login }));
  const right = account ? await verifyPassword(account.passwordHash, input.password) : await burnPasswordTime(input.password).then(() => false);
  if (!account || !right) return settleFailure(ctx, settings, claim, { ip: meta.ip, account, code: 'invalid_credentials' });
  // Only the right password learns that the account is disabled.
  if (account.disabledAt) throw new AppError('account_disabled');

  const now = ctx.clock.now();
  const where = await organizationOfAccount(ctx.db, account.id, registerDayOf(now));
  const token = randomToken();
  const expiresAt = sessionExpiry(now, now, settings);
  await ctx.db.transaction(async (tx) => {
    await settleSuccess(tx, settings, claim, now);
    await repo.deleteExpiredSessions(tx, now);
    await repo.insertSession(tx, {
      tokenHash: hashToken(token),
      accountId: account.id,
      csrfToken: randomToken(),
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await auditAccountEvent(tx, ctx.clock, { at: now, actor: { accountId: account.id, displayName: account.displayName }, action: 'session.login', accountId: account.id, where, data: { ip: meta.ip } });
  });
  await repo.deleteExpiredThrottles(ctx.db, now);
  const resolved = await resolveSession(ctx.db, ctx.clock, token, settings);
  if (!resolved) throw new Error('session vanished right after login');
  return {
    token,
    cookieExpiresAt: new Date(now.getTime() + settings.sessionMaxHours * 3_600_000),
    me: await meOf(ctx.db, resolved, registerDayOf(ctx.clock.now())),
  };
}

/** Idle expiry slides with use, but never past the session's absolute lifetime. */
export function sessionExpiry(createdAt: Date, now: Date, settings: AuthSettings): Date {
  return new Date(Math.min(now.getTime() + settings.sessionTtlHours * 3_600_000, createdAt.getTime() + settings.sessionMaxHours * 3_600_000));
}

export interface ResolvedSession {
  actor: Actor;
  account: repo.AccountRow;
  csrfToken: string;
  tokenHash: string;
}

/** The caller behind a session token, or null; slides the expiry forward while in use. */
export async function resolveSession(db: Db, clock: Clock, token: string, settings: AuthSettings): Promise<ResolvedSession | null> {
  const now = clock.now();
  const tokenHash = hashToken(token);
  const row = await repo.findLiveSession(db, tokenHash, now);
  if (!row || row.account.disabledAt) return null;
  // Touch at most once a minute: a page load makes several requests.
  if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
    await repo.touchSession(db, tokenHash, now, sessionExpiry(row.session.createdAt, now, settings));
  }
  const grants = await repo.grantsOf(db, row.account.id);
  return {
    actor: { accountId: row.account.id, displayName: row.account.displayName, memberId: row.account.memberId, grants },
    account: row.account,
    csrfToken: row.session.csrfToken,
    tokenHash,
  };
}

/** What GET /me and a login answer: the caller, with the cell of its own record on `day`. */
export async function meOf(db: Db, session: Pick<ResolvedSession, 'actor' | 'account' | 'csrfToken'>, day: string): Promise<MeDto> {
  return presentMe(session.actor, session.account, session.csrfToken, await homeOrganizationOf(db, session.account.memberId, day));
}

export async function logout(ctx: Ctx, tokenHash: string): Promise<void> {
  const actor = requireActor(ctx);
  const where = await organizationOfAccount(ctx.db, actor.accountId, registerDayOf(ctx.clock.now()));
  await ctx.db.transaction(async (tx) => {
    await repo.deleteSession(tx, tokenHash);
    await auditAccountEvent(tx, ctx.clock, { at: ctx.clock.now(), actor, action: 'session.logout', accountId: actor.accountId, where });
  });
}

/**
 * Change one's own password; every other session of the account is ended. Checking the
 * current password is a password guess too: it is counted like a login from the same source.
 */
export async function changePassword(ctx: Ctx, settings: AuthSettings, input: ChangePasswordInput, currentTokenHash: string, ip: string): Promise<void> {
  const actor = requireActor(ctx);
  const account = await repo.findAccount(ctx.db, actor.accountId);
  if (!account) throw new AppError('unauthenticated');
  const claim = await claimAttempt(ctx, settings, throttleKeys(sourceOf(ip), { accountId: account.id }));
  if (!(await verifyPassword(account.passwordHash, input.currentPassword))) return settleFailure(ctx, settings, claim, { ip, account, code: 'wrong_password' });
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  const where = await organizationOfAccount(ctx.db, account.id, registerDayOf(now));
  await ctx.db.transaction(async (tx) => {
    await settleSuccess(tx, settings, claim, now);
    await repo.updateAccount(tx, account.id, { passwordHash, passwordChangedAt: now });
    await repo.deleteSessionsOf(tx, account.id, currentTokenHash);
    await auditAccountEvent(tx, ctx.clock, { at: now, actor, action: 'account.password_changed', accountId: account.id, where });
  });
}

/** Operator's reset (`chibo user reset-password`): new password, lock lifted, all sessions ended. */
export async function resetPassword(db: Db, clock: Clock, login: string, newPassword: string): Promise<repo.AccountRow> {
  const checked = NewPassword.safeParse(newPassword);
  if (!checked.success) throw new AppError('weak_password', checked.error.issues[0]?.message);
  const account = await repo.findAccountByLogin(db, login);
  if (!account) throw new AppError('not_found', `Không có tài khoản "${login}".`);
  const passwordHash = await hashPassword(newPassword);
  const now = clock.now();
  const where = await organizationOfAccount(db, account.id, registerDayOf(now));
  await db.transaction(async (tx) => {
    await repo.updateAccount(tx, account.id, { passwordHash, passwordChangedAt: now });
    await repo.deleteThrottlesWithPrefix(tx, accountKeyPrefix(account.id));
    await repo.deleteSessionsOf(tx, account.id);
    await auditAccountEvent(tx, clock, { at: now, actor: null, actorName: 'operator (chibo CLI)', action: 'account.password_reset', accountId: account.id, where });
  });
  return account;
}

// ---------------------------------------------------------------- reads other modules make

export const accountsByIds = repo.accountsByIds;
export const grantPathsOf = repo.grantPathsOf;
export const accountsWithRoleOn = repo.accountsWithRoleOn;
export const accountOfMember = repo.accountOfMember;
export const findAccountByLogin = repo.findAccountByLogin;
export const grantsOf = repo.grantsOf;
/**
 * Where an account's own events belong in the audit log: the cell of its member on `day`, else
 * the organization of its first grant (so the officers above it can read them).
 */
export async function organizationOfAccount(db: Queryable, accountId: string, day: string): Promise<{ id: string; path: string } | undefined> {
  const account = await repo.findAccount(db, accountId);
  const cellId = account?.memberId ? await recordCellIdOn(db, account.memberId, day) : null;
  const cell = cellId ? await findOrganization(db, cellId) : undefined;
  return cell ? { id: cell.id, path: cell.path } : repo.firstGrantOrganization(db, accountId);
}

/** The cell holding the account's member's record on `day` (null: no member, or none that day). */
export async function homeOrganizationOf(db: Queryable, memberId: string | null, day: string): Promise<string | null> {
  return memberId ? recordCellIdOn(db, memberId, day) : null;
}

/** A new account, in the caller's transaction (`chibo init`, the demo). */
export const insertAccount = repo.insertAccount;
/** A role granted on an organization (and so on its subtree), in the caller's transaction. */
export const insertGrant = repo.insertGrant;
