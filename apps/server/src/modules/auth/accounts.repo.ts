/**
 * The auth module's repo was renamed auth.repo.ts; other modules still import it by the old
 * name until they reach it through the auth service instead.
 */
export * from './auth.repo.ts';
