/**
 * `Idempotency-Key` on POST (DESIGN: interfaces). The first request with a key claims it
 * (a row with no status yet); its answer is stored when sent. A retry with the same key and
 * the same request gets the stored answer; with another request, 409; while the first is
 * still running, 409 request_in_progress. A 5xx releases the key so that a retry may run.
 * Limit (docs/adr/0004): the claim and the work commit separately, so a process that dies
 * between the work's commit and storing the answer leaves the key claimed; after a minute
 * such a claim is released and a retry runs again.
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../lib/context.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../lib/app-error.ts';
import { claimKey, findKey, pruneKeys, releaseKey, storeAnswer } from './idempotency.repo.ts';

const KEY = /^[A-Za-z0-9_.:-]{8,200}$/;
const RETENTION_MS = 24 * 3_600_000;
const STALE_CLAIM_MS = 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyClaim: { accountId: string; key: string } | null;
  }
}

function requestHash(req: FastifyRequest): string {
  return crypto
    .createHash('sha256')
    .update(`${req.method} ${req.url}\n${JSON.stringify(req.body ?? null)}`)
    .digest('hex');
}

export function registerIdempotency(app: FastifyInstance, deps: { db: Db; clock: Clock }): void {
  app.decorateRequest('idempotencyClaim', null);

  // After validation, so that only well-formed requests claim a key.
  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers['idempotency-key'];
    if (req.method !== 'POST' || header === undefined || !req.session) return;
    if (typeof header !== 'string' || !KEY.test(header)) {
      throw new AppError('validation_failed', 'Idempotency-Key phải gồm 8–200 ký tự chữ, số hoặc _ . : -');
    }
    const accountId = req.session.actor.accountId;
    const hash = requestHash(req);
    const now = deps.clock.now();
    const db = deps.db;
    // Opportunistic clean-up of old keys, and of claims whose request died.
    await pruneKeys(db, new Date(now.getTime() - RETENTION_MS), new Date(now.getTime() - STALE_CLAIM_MS));
    if (await claimKey(db, { accountId, key: header, requestHash: hash, createdAt: now })) {
      req.idempotencyClaim = { accountId, key: header };
      return;
    }
    const prior = await findKey(db, accountId, header);
    if (!prior) throw new AppError('request_in_progress'); // released between the two statements
    if (prior.requestHash !== hash) throw new AppError('idempotency_key_reused');
    if (prior.status === null) throw new AppError('request_in_progress');
    return reply
      .status(prior.status)
      .header('idempotent-replayed', 'true')
      .type(prior.contentType ?? 'application/json; charset=utf-8')
      .send(prior.body ?? '');
  });

  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const claim = req.idempotencyClaim;
    if (!claim) return payload;
    req.idempotencyClaim = null;
    if (reply.statusCode >= 500) {
      await releaseKey(deps.db, claim.accountId, claim.key);
    } else {
      const contentType = reply.getHeader('content-type');
      await storeAnswer(deps.db, claim.accountId, claim.key, { status: reply.statusCode, contentType: typeof contentType === 'string' ? contentType : null, body: typeof payload === 'string' ? payload : null });
    }
    return payload;
  });
}
