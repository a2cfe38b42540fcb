import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/config.ts';
import { runCli } from './support/server-process.ts';

describe('config', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir.endsWith('data')).toBe(true);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['CHIBO_COOKIE_SECURE', 'maybe'],
    ['LOG_LEVEL', 'loud'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it('stops start-up with a message naming the variable', { timeout: 60_000 }, async () => {
    const res = await runCli(['serve'], { PORT: 'tám nghìn' });
    expect(res.code).toBe(1);
    expect(res.output).toContain('PORT');
    expect(res.output).toContain('Cấu hình không hợp lệ');
  });
});
