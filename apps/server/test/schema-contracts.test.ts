/** The database's check constraints accept every value the core contracts define, and no other. */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER_STATUSES, ORGANIZATION_KINDS, ROLES } from '@chibo/core';
import { createTestDatabase, type TestDatabase } from './support/test-app.ts';
import { insertOrganization } from '../src/modules/organizations/organizations.repo.ts';
import { insertMember } from '../src/modules/members/members.repo.ts';
import { insertAccount, insertGrant } from '../src/modules/auth/accounts.repo.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('schema and contracts agree', () => {
  it('every organization kind, member status and role is storable; an unknown one is not', async () => {
    const db = t.database.db;
    const root = await insertOrganization(db, { id: crypto.randomUUID(), parentId: null, kind: 'committee', name: 'Gốc' }, null);
    for (const kind of ORGANIZATION_KINDS) await insertOrganization(db, { id: crypto.randomUUID(), parentId: root.id, kind, name: kind }, root);
    for (const status of MEMBER_STATUSES) await insertMember(db, { organizationId: root.id, fullName: status, searchName: status, status });
    const account = await insertAccount(db, { username: 'kiemtra', displayName: 'Kiểm tra', passwordHash: 'x' });
    for (const role of ROLES) await insertGrant(db, account.id, root.id, role);
    await expect(insertOrganization(db, { id: crypto.randomUUID(), parentId: root.id, kind: 'party_group', name: 'x' }, root)).rejects.toThrow();
    await expect(insertMember(db, { organizationId: root.id, fullName: 'x', searchName: 'x', status: 'expelled' })).rejects.toThrow();
    await expect(insertGrant(db, account.id, root.id, 'owner' as never)).rejects.toThrow();
    await expect(insertAccount(db, { username: 'a@b.vn', displayName: 'x', passwordHash: 'x' })).rejects.toThrow();
  });
});
