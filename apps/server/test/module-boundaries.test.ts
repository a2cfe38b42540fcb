/**
 * The module boundaries are enforced by ESLint (eslint.boundaries.js): each crossing a reviewer
 * would refuse is refused by the linter, and the allowed shapes pass. The snippets are linted as
 * if they were files at the given paths; the rules only read import paths, so no type information
 * is needed.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { serverBoundaries } from '../../../eslint.boundaries.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({
  cwd: repoRoot,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...serverBoundaries()],
});

async function refusals(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('module boundaries (ESLint)', () => {
  it.each([
    ['a service imports another module’s repo', 'apps/server/src/modules/papers/papers.service.ts', "import { findMeeting } from '../meetings/meetings.repo.ts';", /through its service, never its repo/],
    ['a job imports a module’s repo', 'apps/server/src/jobs/runner.ts', "import { findNotice } from '../modules/notices/notices.repo.ts';", /through its service, never its repo/],
    ['a service runs SQL', 'apps/server/src/modules/papers/papers.service.ts', "import { eq } from 'drizzle-orm';", /Only a repo runs SQL/],
    ['a service imports the schema', 'apps/server/src/modules/papers/papers.service.ts', "import { meetingPapers } from '../../db/schema/index.ts';", /Only a repo runs SQL/],
    ['a plugin imports the schema', 'apps/server/src/plugins/idempotency.ts', "import { idempotencyKeys } from '../db/schema/index.ts';", /Only a repo runs SQL/],
    ['a presenter imports a service', 'apps/server/src/modules/meetings/meetings.presenter.ts', "import { loadMeeting } from './meetings.service.ts';", /A presenter only maps/],
    ['a presenter imports its repo', 'apps/server/src/modules/meetings/meetings.presenter.ts', "import { findMeeting } from './meetings.repo.ts';", /A presenter only maps/],
    ['a presenter imports the database', 'apps/server/src/modules/meetings/meetings.presenter.ts', "import { sql } from 'drizzle-orm';", /A presenter only maps/],
    ['a repo calls a service', 'apps/server/src/modules/auth/auth.repo.ts', "import { recordCellIdOn } from '../members/members.service.ts';", /A repo calls no service/],
    ['a repo imports another module’s repo', 'apps/server/src/modules/auth/auth.repo.ts', "import { recordCellIdOn } from '../members/members.repo.ts';", /through its service, never its repo/],
  ])('refuses %s', async (_what, file, code, message) => {
    const found = await refusals(file, code);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it.each([
    ['a service imports its own repo', 'apps/server/src/modules/papers/papers.service.ts', "import * as repo from './papers.repo.ts';"],
    ['a service imports another module’s service', 'apps/server/src/modules/papers/papers.service.ts', "import { loadMeeting } from '../meetings/meetings.service.ts';"],
    ['a service imports schema types only', 'apps/server/src/modules/papers/papers.service.ts', "import type { JobKind } from '../../db/schema/index.ts';"],
    ['a repo imports the schema and drizzle', 'apps/server/src/modules/papers/papers.repo.ts', "import { eq } from 'drizzle-orm';\nimport { meetingPapers } from '../../db/schema/index.ts';"],
    ['a presenter imports row types and another presenter', 'apps/server/src/modules/meetings/meetings.presenter.ts', "import type { MeetingPage } from './meeting-page.service.ts';\nimport { presentPaper } from '../papers/papers.presenter.ts';"],
  ])('allows %s', async (_what, file, code) => {
    expect(await refusals(file, code)).toEqual([]);
  });
});
