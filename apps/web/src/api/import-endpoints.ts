import type { ImportChoices, ImportPreviewDto, ImportProgressDto } from '@chibo/core';
import { api } from './client.ts';
import { queryString, V1 } from './endpoints.ts';
import { uploadBytes, type Upload, type UploadProgress } from './upload.ts';

/** The member-import wizard's calls (contracts/imports.ts): nothing is written before commit. */

export interface PreviewPage {
  offset: number;
  limit: number;
  only: 'all' | 'errors';
}

const imp = (id: string) => `${V1}/member-imports/${encodeURIComponent(id)}`;

/** Sends the file's bytes as they are; the server detects XLSX or CSV and the text encoding. */
export function uploadImportFile(organizationId: string, file: File, onProgress: (p: UploadProgress) => void): Upload<ImportPreviewDto> {
  const url = `${V1}/organizations/${encodeURIComponent(organizationId)}/member-imports${queryString({ fileName: file.name })}`;
  return uploadBytes<ImportPreviewDto>(url, file, onProgress);
}

export function fetchImport(id: string, page: PreviewPage, signal?: AbortSignal): Promise<ImportPreviewDto> {
  return api.get(`${imp(id)}${queryString({ ...page })}`, signal);
}

/** Choices replace the previous ones: always the full set. */
export function putImportChoices(id: string, choices: ImportChoices, page: PreviewPage): Promise<ImportPreviewDto> {
  return api.put(`${imp(id)}/choices${queryString({ ...page })}`, choices);
}

export function commitImport(id: string): Promise<ImportPreviewDto> {
  return api.post(`${imp(id)}/commit`, {});
}

export function fetchImportProgress(id: string, signal?: AbortSignal): Promise<ImportProgressDto> {
  return api.get(`${imp(id)}/progress`, signal);
}
