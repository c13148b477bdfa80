/**
 * Two test runs against one test database (issue 14): while this run holds the lock (taken by the
 * global setup), a second vitest run with the same settings fails fast and says why, instead of
 * resetting the graph under this one.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../lib/project-root.ts';
import { LOCK_FILE } from '../support/run-lock.ts';
import { testConfig } from '../support/test-config.ts';

// The second run is of this very file; inside it (should the lock let it in) nothing is spawned again.
const SECOND = 'REGKG_SECOND_TEST_RUN';

describe('a second test run against the same test database', () => {
  it.skipIf(process.env[SECOND])('fails fast with a clear message while this run is going', async () => {
    // This run's lock, taken by its global setup in vitest's main process.
    const holder = JSON.parse(fs.readFileSync(path.resolve(PROJECT_ROOT, testConfig().neo4j.homeDir, LOCK_FILE), 'utf8')) as { pid: number };
    const t0 = Date.now();
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'integration', 'test/integration/test-lock.test.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, [SECOND]: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code, out).not.toBe(0);
    expect(out).toContain(`Another test run (pid ${holder.pid},`);
    expect(out).toContain('TEST_NEO4J_BOLT_PORT=<port> TEST_NEO4J_HOME_DIR=<dir> npm test');
    expect(out).not.toContain('Tests  1 passed');
    expect(Date.now() - t0).toBeLessThan(30_000);
  }, 60_000);
});
