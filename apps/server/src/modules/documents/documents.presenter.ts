import type { DocumentDto } from '@chibo/core';
import type { DocumentMeta } from './documents.repo.ts';

export function presentDocument(d: DocumentMeta): DocumentDto {
  return { id: d.id, kind: d.kind, title: d.title, fileName: d.fileName, contentType: d.contentType, size: d.size, postedAt: d.postedAt.toISOString(), postedBy: d.postedBy };
}
