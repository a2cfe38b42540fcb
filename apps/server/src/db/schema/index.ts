export * from './organizations.ts';
export * from './members.ts';
export * from './accounts.ts';
export * from './audit.ts';
export * from './idempotency.ts';
export * from './imports.ts';
export * from './meetings.ts';
