import type { ImportChoices } from '@chibo/core';
import type { PreviewPage } from '../../api/import-endpoints.ts';

/** Rows per page of the preview: enough to scan, few enough for a phone. */
export const PAGE_SIZE = 50;
export const FIRST_PAGE: PreviewPage = { offset: 0, limit: PAGE_SIZE, only: 'all' };

/** The user's choices, always sent whole (the server replaces the previous set). */
export type Choices = Required<ImportChoices>;
export const NO_CHOICES: Choices = { mapping: {}, edits: {}, skip: [] };

/** Asks for new choices to be checked (PUT) or for another page of the preview (GET). */
export type PreviewUpdate = (v: { choices?: Choices; page: PreviewPage }) => Promise<unknown>;
