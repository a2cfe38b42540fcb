import type { PendingDto, PendingItemDto } from '@chibo/core';
import type { Pending, PendingItem } from './home.service.ts';

export function presentPending(p: Pending): PendingDto {
  const item = (i: PendingItem): PendingItemDto => ({
    kind: i.kind,
    id: i.id,
    meetingId: i.meetingId,
    meetingStartsAt: i.meetingStartsAt.toISOString(),
    organizationName: p.organizationNames.get(i.organizationId) ?? '',
    title: i.title,
    memberName: i.memberName,
    dueDate: i.dueDate,
  });
  return { unreadNotices: p.unreadNotices, mine: p.mine.map(item), toDecide: p.toDecide.map(item), more: p.more };
}
