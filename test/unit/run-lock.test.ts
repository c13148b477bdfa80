import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireRunLock, LOCK_FILE, TestRunLockedError } from '../support/run-lock.ts';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'regkg-lock-'));

describe('test run lock', () => {
  it('is held once per process (re-entrant) and removed when the last holder releases it', () => {
    const dir = tmp();
    const first = acquireRunLock(dir, 'bolt://x');
    const second = acquireRunLock(dir, 'bolt://x');
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, database: 'bolt://x' });
    first();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(true);
    second();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses while another live process holds it, naming that process', () => {
    const dir = tmp();
    // The parent of this test process (the vitest runner's parent shell) is alive for the whole test.
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, startedAt: '2026-01-01T00:00:00Z', cwd: '/elsewhere', database: 'bolt://127.0.0.1:7697 (neo4j)' }));
    expect(() => acquireRunLock(dir, 'bolt://x')).toThrow(TestRunLockedError);
    expect(() => acquireRunLock(dir, 'bolt://x')).toThrow(new RegExp(`Another test run \\(pid ${process.ppid}, started 2026-01-01T00:00:00Z in /elsewhere\\) is using the test database bolt://127.0.0.1:7697 \\(neo4j\\)`));
  });

  it('takes over a stale lock whose process is gone', () => {
    const dir = tmp();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: Number(gone), startedAt: 'x', cwd: 'x', database: 'x' }));
    const release = acquireRunLock(dir, 'bolt://x');
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    release();
  });
});
