import type { NoticeDto, NoticeReceiptDto } from '@chibo/core';
import type { NoticeRow } from './notices.repo.ts';

export function presentNotice(n: NoticeRow): NoticeDto {
  return {
    id: n.id,
    meetingId: n.meetingId,
    kind: n.kind,
    title: n.title,
    body: n.body,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

export function presentReceipt(n: NoticeRow): NoticeReceiptDto {
  return {
    recipientName: n.recipientName,
    kind: n.kind,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
    emailStatus: n.emailStatus,
  };
}
