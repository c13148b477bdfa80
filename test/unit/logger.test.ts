import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config.ts';
import { captureLogs, configureLogging, log } from '../../lib/logger.ts';

describe('logging config', () => {
  it('reads LOG_LEVEL, OPS_PORT and SHUTDOWN_GRACE_MS, and names a bad value', () => {
    const c = loadConfig({ LOG_LEVEL: 'WARN', OPS_PORT: '4789', SHUTDOWN_GRACE_MS: '2500' });
    expect([c.logLevel, c.opsPort, c.shutdownGraceMs]).toEqual(['warn', 4789, 2500]);
    expect(loadConfig({}).logLevel).toBe('info');
    expect(loadConfig({}).opsPort).toBeNull();
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"/);
  });
});

describe('log', () => {
  it('writes JSON lines with the level by name, an error with its stack, nothing below the level', () => {
    const captured = captureLogs('warn');
    try {
      log.info('below the level');
      log.warn({ requestId: 'r1', code: 'BAD_USER_INPUT' }, 'client error');
      log.error({ err: new Error('boom') }, 'unexpected');
    } finally {
      captured.restore();
    }
    expect(captured.lines).toHaveLength(2);
    expect(captured.lines[0]).toMatchObject({ level: 'warn', requestId: 'r1', code: 'BAD_USER_INPUT', msg: 'client error' });
    expect(captured.lines[0]).not.toHaveProperty('err');
    expect(captured.lines[1]).toMatchObject({ level: 'error', err: { type: 'Error', message: 'boom' } });
    expect((captured.lines[1]?.err as { stack: string }).stack).toContain('logger.test.ts');
  });

  it('LOG_LEVEL=silent writes nothing', () => {
    const captured = captureLogs('info');
    try {
      configureLogging({ logLevel: 'silent', env: 'test' });
      log.error('hidden');
    } finally {
      captured.restore();
    }
    expect(captured.lines).toEqual([]);
  });
});
