import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

/** Actions that take no input: a body, if sent, must be an empty object. */
export const NoBody = z.strictObject({}, { error: 'Yêu cầu này không nhận dữ liệu.' });

/** A request sent without any body (no content type) stands for `{}`; a JSON `null` is still refused. */
export async function noBodyIsEmpty(req: FastifyRequest): Promise<void> {
  if (req.body == null && req.headers['content-type'] === undefined) req.body = {};
}
