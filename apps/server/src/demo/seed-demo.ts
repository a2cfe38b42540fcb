import crypto from 'node:crypto';
import { addDays, foldForSearch, historyFromLine, type HistoryParts } from '@chibo/core';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/context.ts';
import { hashPassword } from '../lib/passwords.ts';
import { recordChanges, type AuditChange } from '../modules/audit/audit.service.ts';
import { insertAccount, insertGrant } from '../modules/auth/auth.service.ts';
import { insertHistories, insertMembersWithIds } from '../modules/members/members.service.ts';
import { hasOrganizations, insertOrganization, type OrganizationRow } from '../modules/organizations/organizations.service.ts';
import { lockInstallation } from '../modules/setup/setup.service.ts';
import type { DeliverySettings } from '../config/config.ts';
import { DEMO_THEMATIC_2021, seedDemoMeetings } from './demo-meetings.ts';
import { DEMO_YEAR_SHAPES, seedDemoYear } from './demo-year.ts';
import { DEMO_CELLS, DEMO_PASSWORD, DEMO_SUPERIOR, DEMO_SUPERIOR_ACCOUNTS, type DemoMember } from './demo-data.ts';

export interface DemoAccount {
  username: string;
  password: string;
  label: string;
}

/** The demo logins, as the start command prints them and the README lists them. */
export function demoAccounts(): DemoAccount[] {
  return [
    { username: 'dangvien', password: DEMO_PASSWORD, label: 'Đảng viên, Chi bộ Quỹ trợ vốn' },
    { username: 'bithu', password: DEMO_PASSWORD, label: 'Bí thư Chi bộ Quỹ trợ vốn' },
    ...DEMO_SUPERIOR_ACCOUNTS.map((a) => ({ username: a.username, password: DEMO_PASSWORD, label: a.label })),
  ];
}

const SEED_ACTOR = 'chibo seed-demo';

export interface SeedOptions {
  /**
   * Give the demo a present: this year's meetings held so far, the next one announced (the
   * product's `seed-demo` and `serve --seed-demo` do; tests of other features leave it out, so
   * that their own clock's year starts empty). Notices go out as `delivery` says.
   */
  present?: { delivery: DeliverySettings };
}

/** Seeds the demo into an empty database; does nothing (returns false) on any other. */
export async function seedDemo(db: Db, clock: Clock, opts: SeedOptions = {}): Promise<boolean> {
  if (await hasOrganizations(db)) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const entries: AuditChange[] = [];
    const audit = (action: string, targetType: string, targetId: string, org: OrganizationRow, data: Record<string, unknown>) =>
      entries.push({ at: now, by: { accountId: null, name: SEED_ACTOR }, action, targetType, targetId, organization: org, data });
    const memberIds = new Map<string, string>();
    // Checked again under a lock: two processes seeding one database at once insert once.
    await lockInstallation(tx);
    if (await hasOrganizations(tx)) return;
    const superior = await insertOrganization(
      tx,
      { id: crypto.randomUUID(), parentId: null, kind: 'grassroots_committee', name: DEMO_SUPERIOR, cellType: null },
      null,
    );
    audit('organization.created', 'organization', superior.id, superior, { name: superior.name, demo: true });
    const superiorAccounts = new Map<string, { id: string; displayName: string }>();
    for (const a of DEMO_SUPERIOR_ACCOUNTS) {
      const account = await insertAccount(tx, { username: a.username, displayName: a.displayName, passwordHash });
      superiorAccounts.set(a.username, account);
      for (const role of a.roles) await insertGrant(tx, account.id, superior.id, role);
      audit('account.created', 'account', account.id, superior, { username: a.username, roles: a.roles });
    }
    const cells: OrganizationRow[] = [];
    for (const cell of DEMO_CELLS) {
      const org = await insertOrganization(
        tx,
        { id: crypto.randomUUID(), parentId: superior.id, kind: 'cell', name: cell.name, cellType: cell.cellType },
        superior,
      );
      audit('organization.created', 'organization', org.id, org, { name: org.name, demo: true });
      cells.push(org);
    }
    for (const [c, cell] of DEMO_CELLS.entries()) {
      const org = cells[c];
      if (!org) continue;
      const items = cell.members.map((dm) => ({ id: crypto.randomUUID(), dm, parts: demoHistory(dm, org.id, cells) }));
      for (const { id, dm } of items) memberIds.set(dm.fullName.normalize('NFC'), id);
      // One insert per cell and per history table: on PGlite each statement costs milliseconds of start-up.
      await insertMembersWithIds(
        tx,
        items.map(({ id, dm }) => ({
          id,
          fullName: dm.fullName.normalize('NFC'),
          searchName: foldForSearch(dm.fullName),
          gender: dm.gender,
          birthDate: dm.birthDate,
          admittedOn: dm.admittedOn,
        })),
      );
      await insertHistories(tx, items.map(({ id, parts }) => ({ memberId: id, parts })));
      for (const { id, dm, parts } of items) {
        audit('member.created', 'member', id, org, { fullName: dm.fullName.normalize('NFC'), history: parts });
        if (dm.account) {
          const account = await insertAccount(tx, {
            username: dm.account.username,
            displayName: dm.fullName,
            passwordHash,
            memberId: id,
          });
          for (const role of dm.account.roles) await insertGrant(tx, account.id, org.id, role);
          audit('account.created', 'account', account.id, org, { username: dm.account.username, roles: dm.account.roles });
        }
      }
    }
    const fund = cells[0];
    if (fund) {
      const meetingId = await seedDemoMeetings(tx, fund, (name) => memberIds.get(name.normalize('NFC')));
      audit('meeting.created', 'meeting', meetingId, fund, { demo: true, topic: DEMO_THEMATIC_2021.topic });
    }
    if (opts.present) {
      const follower = superiorAccounts.get('capuy');
      for (const [i, cell] of cells.entries()) {
        const people = DEMO_CELLS[i]?.members ?? [];
        const holder = (p: string) => people.find((dm) => dm.position === p)?.fullName;
        entries.push(
          ...(await seedDemoYear(tx, {
            cell,
            shape: DEMO_YEAR_SHAPES[i] ?? { lateMonthsBack: null, missedMonthsBack: null },
            now,
            chairMemberId: memberIds.get(holder('secretary')?.normalize('NFC') ?? ''),
            minuteTakerMemberId: memberIds.get(holder('deputy_secretary')?.normalize('NFC') ?? ''),
            followerAccountId: follower?.id,
            followerName: follower?.displayName ?? '',
            delivery: opts.present.delivery,
          })),
        );
      }
    }
    await recordChanges(tx, { actor: null, clock }, entries);
  });
  return true;
}

/** A demo member's history: the register line, plus the transfer, temporary attachment or exemption the demo shows. */
function demoHistory(dm: DemoMember, cellId: string, cells: readonly OrganizationRow[]): HistoryParts {
  const parts = historyFromLine({ cellId, admittedOn: dm.admittedOn, confirmedOn: dm.confirmedOn ?? null, joinedOn: dm.transfer?.joinedOn ?? null, position: dm.position ?? null });
  const cellAt = (i: number) => cells[i]?.id ?? cellId;
  const memberships = [...parts.memberships];
  if (dm.transfer) memberships.unshift({ organizationId: cellAt(dm.transfer.previousCell), kind: 'official', from: dm.admittedOn, to: addDays(dm.transfer.joinedOn, -1) });
  if (dm.temporary) memberships.push({ organizationId: cellAt(dm.temporary.cell), kind: 'temporary', from: dm.temporary.from, to: dm.temporary.to });
  const statuses = [...parts.statuses];
  if (dm.exempt) statuses.push({ status: 'exempt', exemptTrack: 'A', from: dm.exempt.from, to: null, reason: dm.exempt.reason, decisionRef: dm.exempt.decisionRef });
  return { ...parts, memberships, statuses };
}
