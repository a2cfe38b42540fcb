import type { FastifyBaseLogger } from 'fastify';
import type { Role } from '@chibo/core';
import type { DeliverySettings } from '../config/config.ts';
import type { Db } from '../db/client.ts';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface GrantInContext {
  organizationId: string;
  organizationPath: string;
  organizationName: string;
  role: Role;
}

export interface Actor {
  accountId: string;
  displayName: string;
  memberId: string | null;
  grants: GrantInContext[];
}

/** What a service is handed (STYLE §5): the caller, the database, the clock, the log, how notices go out. */
export interface Ctx {
  db: Db;
  clock: Clock;
  log: FastifyBaseLogger;
  actor: Actor | null;
  delivery: DeliverySettings;
}
