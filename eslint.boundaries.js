// @ts-check
/**
 * The server's module boundaries (STYLE, "one place for each thing"): a module is routes →
 * service → repo with its policy and presenter. Only a repo runs SQL or imports the schema; a
 * module reaches another module through its service (or its pure policy), never its repo; a repo
 * calls no service; a presenter only maps (it imports no service, repo or database — types aside).
 * ESLint applies one `no-restricted-imports` per file (the last matching block wins), so each block
 * carries every pattern that applies to its files.
 */
export function serverBoundaries() {
  const SERVER = 'apps/server/src/**/*.ts';
  const REPOS = ['apps/server/src/**/*.repo.ts', 'apps/server/src/db/**'];
  const PRESENTERS = 'apps/server/src/**/*.presenter.ts';
  const otherModulesRepo = {
    group: ['../*/*.repo.ts', '../*/*.repo', '**/modules/*/*.repo.ts', '**/modules/*/*.repo'],
    message: 'A module reaches another module through its service, never its repo.',
  };
  const schema = {
    group: ['**/db/schema', '**/db/schema/**', 'drizzle-orm', 'drizzle-orm/*'],
    allowTypeImports: true,
    message: 'Only a repo runs SQL or imports the database schema: call the module\'s repo (or another module\'s service).',
  };
  const services = { group: ['**/*.service.ts', '**/*.service'], message: 'A repo calls no service: it only reads and writes rows.' };
  const presenterDeps = {
    group: ['**/*.service.ts', '**/*.repo.ts', '**/db/**', 'drizzle-orm', 'drizzle-orm/*'],
    allowTypeImports: true,
    message: 'A presenter only maps rows and views to DTOs: it imports no service, repo or database (types aside).',
  };
  const rule = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
  return [
    { files: [SERVER], ignores: [...REPOS, PRESENTERS], rules: rule(otherModulesRepo, schema) },
    { files: REPOS, rules: rule(otherModulesRepo, services) },
    { files: [PRESENTERS], rules: rule(otherModulesRepo, presenterDeps) },
  ];
}
