import type { Linter } from 'eslint';

/** The server's module boundaries as ESLint config blocks (eslint.boundaries.js). */
export function serverBoundaries(): Linter.Config[];
