import type { PaperDto } from '@chibo/core';
import type { PaperRow } from './papers.repo.ts';

/** A paper as a reader sees it: the text and the officers' comment only when `readable` (papers.policy). */
export function presentPaper(p: PaperRow, readable: boolean): PaperDto {
  return {
    id: p.id,
    meetingId: p.meetingId,
    title: p.title,
    authorMemberId: p.authorMemberId,
    authorName: p.authorName,
    dueDate: p.dueDate,
    status: p.status,
    body: readable ? p.body : null,
    hasFile: p.hasFile,
    fileName: p.fileName,
    comment: readable ? p.comment : null,
    submittedAt: p.submittedAt?.toISOString() ?? null,
    decidedAt: p.decidedAt?.toISOString() ?? null,
  };
}
