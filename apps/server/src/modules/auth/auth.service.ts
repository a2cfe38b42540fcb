/**
 * Login, sessions, password changes. Sessions live in the database (ADR 0002): the cookie
 * holds 32 random bytes; the table holds their SHA-256, so a leaked table is no login.
 */
import crypto from 'node:crypto';
import { NewPassword, permissionsOfRole, registerDayOf, type ChangePasswordInput, type LoginInput, type MeDto, type Permission } from '@chibo/core';
import { AppError } from '../../lib/app-error.ts';
import type { Actor, Clock, Ctx } from '../../lib/context.ts';
import { burnPasswordTime, hashPassword, verifyPassword } from '../../lib/passwords.ts';
import { requireActor } from '../../lib/policy.ts';
import type { Db, Tx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import * as repo from './accounts.repo.ts';

export interface AuthSettings {
  sessionTtlHours: number;
  sessionMaxHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
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

type Gate = 'open' | 'locked' | 'disabled';

/** An account's own event, filed under the account's organization so its officers can read it. */
function auditAccountEvent(
  tx: Tx,
  e: { at: Date; actor: { accountId: string; displayName: string } | null; actorName?: string; action: string; accountId: string; where: { id: string; path: string } | undefined; data?: Record<string, unknown> },
): Promise<void> {
  return recordAudit(tx, {
    at: e.at,
    actorAccountId: e.actor?.accountId ?? null,
    actorName: e.actor?.displayName ?? e.actorName ?? null,
    action: e.action,
    targetType: 'account',
    targetId: e.accountId,
    organizationId: e.where?.id ?? null,
    organizationPath: e.where?.path ?? null,
    data: e.data,
  });
}

export async function login(
  ctx: Ctx,
  settings: AuthSettings,
  input: LoginInput,
  meta: { ip: string; userAgent: string | undefined },
): Promise<LoginResult> {
  const now = ctx.clock.now();
  const account = await repo.findAccountByLogin(ctx.db, input.login);
  if (!account) {
    await burnPasswordTime(input.password);
    throw new AppError('invalid_credentials');
  }
  // The attempt is counted before the password is checked, under a row lock: a burst of
  // parallel guesses gets at most loginMaxFailures tries per lock period, not one per request.
  const gate = await ctx.db.transaction(async (tx): Promise<Gate> => {
    const row = await repo.lockAccountRow(tx, account.id);
    if (!row || row.disabledAt) return 'disabled';
    if (row.lockedUntil && row.lockedUntil > now) return 'locked';
    if (row.failedLogins >= settings.loginMaxFailures) return 'locked';
    await repo.updateAccount(tx, row.id, { failedLogins: row.failedLogins + 1, lockedUntil: null });
    return 'open';
  });
  if (gate === 'disabled') throw new AppError('account_disabled');
  if (gate === 'locked') throw new AppError('account_locked');

  const where = await repo.organizationOfAccount(ctx.db, account.id, registerDayOf(now));
  if (!(await verifyPassword(account.passwordHash, input.password))) {
    const lockedNow = await ctx.db.transaction(async (tx) => {
      const row = await repo.lockAccountRow(tx, account.id);
      if (!row || row.failedLogins < settings.loginMaxFailures || (row.lockedUntil && row.lockedUntil > now)) return false;
      await repo.updateAccount(tx, row.id, { failedLogins: 0, lockedUntil: new Date(now.getTime() + settings.loginLockMinutes * 60_000) });
      await auditAccountEvent(tx, { at: now, actor: null, action: 'account.locked', accountId: account.id, where, data: { username: account.username, failures: row.failedLogins, ip: meta.ip, minutes: settings.loginLockMinutes } });
      return true;
    });
    throw new AppError(lockedNow ? 'account_locked' : 'invalid_credentials');
  }

  const token = randomToken();
  const expiresAt = sessionExpiry(now, now, settings);
  await ctx.db.transaction(async (tx) => {
    await repo.updateAccount(tx, account.id, { failedLogins: 0, lockedUntil: null });
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
    await auditAccountEvent(tx, { at: now, actor: { accountId: account.id, displayName: account.displayName }, action: 'session.login', accountId: account.id, where, data: { ip: meta.ip } });
  });
  const resolved = await resolveSession(ctx.db, ctx.clock, token, settings);
  if (!resolved) throw new Error('session vanished right after login');
  return {
    token,
    cookieExpiresAt: new Date(now.getTime() + settings.sessionMaxHours * 3_600_000),
    me: await buildMe(ctx.db, resolved.actor, resolved.csrfToken, resolved.account, registerDayOf(ctx.clock.now())),
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

export async function buildMe(db: Db, actor: Actor, csrfToken: string, account: repo.AccountRow, day: string): Promise<MeDto> {
  const all = new Set<Permission>();
  const grants = actor.grants.map((g) => {
    const perms = [...permissionsOfRole(g.role)].sort();
    perms.forEach((p) => all.add(p));
    return { organizationId: g.organizationId, organizationName: g.organizationName, organizationPath: g.organizationPath, role: g.role, permissions: perms };
  });
  return {
    account: {
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      email: account.email,
      memberId: account.memberId,
    },
    homeOrganizationId: await repo.homeOrganizationOf(db, account.memberId, day),
    grants,
    permissions: [...all].sort(),
    csrfToken,
  };
}

export async function logout(ctx: Ctx, tokenHash: string): Promise<void> {
  const actor = requireActor(ctx);
  const where = await repo.organizationOfAccount(ctx.db, actor.accountId, registerDayOf(ctx.clock.now()));
  await ctx.db.transaction(async (tx) => {
    await repo.deleteSession(tx, tokenHash);
    await auditAccountEvent(tx, { at: ctx.clock.now(), actor, action: 'session.logout', accountId: actor.accountId, where });
  });
}

/** Change one's own password; every other session of the account is ended. */
export async function changePassword(ctx: Ctx, input: ChangePasswordInput, currentTokenHash: string): Promise<void> {
  const actor = requireActor(ctx);
  const account = await repo.findAccount(ctx.db, actor.accountId);
  if (!account || !(await verifyPassword(account.passwordHash, input.currentPassword))) throw new AppError('wrong_password');
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  const where = await repo.organizationOfAccount(ctx.db, account.id, registerDayOf(now));
  await ctx.db.transaction(async (tx) => {
    await repo.updateAccount(tx, account.id, { passwordHash, passwordChangedAt: now });
    await repo.deleteSessionsOf(tx, account.id, currentTokenHash);
    await auditAccountEvent(tx, { at: now, actor, action: 'account.password_changed', accountId: account.id, where });
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
  const where = await repo.organizationOfAccount(db, account.id, registerDayOf(now));
  await db.transaction(async (tx) => {
    await repo.updateAccount(tx, account.id, { passwordHash, passwordChangedAt: now, failedLogins: 0, lockedUntil: null });
    await repo.deleteSessionsOf(tx, account.id);
    await auditAccountEvent(tx, { at: now, actor: null, actorName: 'operator (chibo CLI)', action: 'account.password_reset', accountId: account.id, where });
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
/** Where an account's own events belong in the audit log (its member's cell, else its first grant). */
export const organizationOfAccount = repo.organizationOfAccount;
