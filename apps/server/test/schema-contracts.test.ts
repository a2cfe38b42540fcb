/** The database's check constraints accept every value the core contracts define, and no other. */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER_STATUSES, ORGANIZATION_KINDS, POSITIONS, ROLES } from '@chibo/core';
import { createTestDatabase, type TestDatabase } from './support/test-app.ts';
import { insertOrganization } from '../src/modules/organizations/organizations.repo.ts';
import { insertHistories, insertMember } from '../src/modules/members/members.repo.ts';
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
    const member = await insertMember(db, { fullName: 'Đảng viên', searchName: 'dang vien', admittedOn: '2000-01-01' });
    const span = { from: '2000-01-01', to: null };
    await insertHistories(db, [{ memberId: member.id, parts: { admittedOn: '2000-01-01', memberships: [{ organizationId: root.id, kind: 'official', ...span }], statuses: MEMBER_STATUSES.map((status) => ({ status, ...span })), positions: POSITIONS.map((position) => ({ organizationId: root.id, position, ...span })) } }]);
    const account = await insertAccount(db, { username: 'kiemtra', displayName: 'Kiểm tra', passwordHash: 'x' });
    for (const role of ROLES) await insertGrant(db, account.id, root.id, role);
    await expect(insertOrganization(db, { id: crypto.randomUUID(), parentId: root.id, kind: 'party_group' as never, name: 'x' }, root)).rejects.toThrow();
    await expect(insertHistories(db, [{ memberId: member.id, parts: { admittedOn: null, memberships: [], positions: [], statuses: [{ status: 'expelled' as never, ...span }] } }])).rejects.toThrow();
    await expect(insertHistories(db, [{ memberId: member.id, parts: { admittedOn: null, memberships: [], statuses: [], positions: [{ organizationId: root.id, position: 'chairman' as never, ...span }] } }])).rejects.toThrow();
    // A name not in NFC is refused by the database itself, whatever path it came by.
    await expect(insertMember(db, { fullName: 'Nguyễn'.normalize('NFD'), searchName: 'nguyen' })).rejects.toThrow();
    await expect(insertGrant(db, account.id, root.id, 'owner' as never)).rejects.toThrow();
    await expect(insertAccount(db, { username: 'a@b.vn', displayName: 'x', passwordHash: 'x' })).rejects.toThrow();
  });
});
