import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { loginRatePerMinute: 3 } });
});
afterAll(() => t.close());

describe('login rate limit', () => {
  it('answers 429 rate_limited past the per-minute limit, even for a right password', async () => {
    const attempt = (password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'dangvien', password } });
    for (let i = 0; i < 3; i++) expect((await attempt('sai')).statusCode).toBe(401);
    const limited = await attempt('ChiBo@2026');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({ error: 'rate_limited', message: 'Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.' });
  });
});
