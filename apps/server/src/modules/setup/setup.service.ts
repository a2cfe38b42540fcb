/**
 * First run on a production database: the root organization and its first administrator
 * (`chibo init`). The demo is never seeded there unless asked for.
 */
import crypto from 'node:crypto';
import { CreateRootInput } from '@chibo/core';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../lib/context.ts';
import { AppError } from '../../lib/app-error.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { recordChanges } from '../audit/audit.service.ts';
import { findAccountByLogin, insertAccount, insertGrant } from '../auth/auth.service.ts';
import { insertOrganization } from '../organizations/organizations.service.ts';
import { lockInstallation } from './setup.repo.ts';

export interface InitResult {
  organizationId: string;
  username: string;
  password: string;
}

export async function initInstallation(db: Db, clock: Clock, raw: unknown): Promise<InitResult> {
  const parsed = CreateRootInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('validation_failed', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
  }
  const input = parsed.data;
  const password = input.password ?? crypto.randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(password);
  const now = clock.now();
  return db.transaction(async (tx) => {
    await lockInstallation(tx);
    if (await findAccountByLogin(tx, input.username)) throw new AppError('conflict', `Tài khoản "${input.username}" đã có.`);
    const org = await insertOrganization(
      tx,
      { id: crypto.randomUUID(), parentId: null, kind: input.kind, name: input.organizationName, cellType: null, createdAt: now, updatedAt: now },
      null,
    );
    const account = await insertAccount(tx, { username: input.username, displayName: input.displayName, passwordHash });
    await insertGrant(tx, account.id, org.id, 'admin');
    const base = { at: now, by: { accountId: null, name: 'operator (chibo init)' }, organization: org };
    await recordChanges(tx, { actor: null, clock }, [
      { ...base, action: 'organization.created', targetType: 'organization', targetId: org.id, data: { name: org.name, kind: org.kind } },
      { ...base, action: 'account.created', targetType: 'account', targetId: account.id, data: { username: account.username, roles: ['admin'] } },
    ]);
    return { organizationId: org.id, username: account.username, password };
  });
}

/** Seeding an empty installation (init, the demo) holds this lock: two at once create one, not two. */
export { lockInstallation } from './setup.repo.ts';
