/**
 * One test run at a time per test database. Every integration and e2e file resets the graph it
 * uses, so a second `npm test` against the same database would reset the graph under the first and
 * both would fail in ways that look like bugs. The global setup takes this lock, a file in the test
 * Neo4j's home folder created atomically (`wx`), and a second run fails at once naming the first.
 *
 * The lock is the process's: vitest runs the global setup once per project (integration, e2e) in
 * the same process, so the holder may take it again. A lock whose process is gone (a run killed
 * with SIGKILL) is stale and taken over.
 */
import { isAlive } from '../../lib/process-tree.ts';
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'test-run.lock';

interface Holder {
  pid: number;
  startedAt: string;
  cwd: string;
  database: string;
}

const held = new Map<string, number>();


function readHolder(file: string): Holder | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Holder;
  } catch {
    return null;
  }
}

export class TestRunLockedError extends Error {
  override name = 'TestRunLockedError';
}

/**
 * Takes the lock of the test database whose home folder is `dir` (`database` names it in messages);
 * returns the function that releases it. Throws TestRunLockedError while another live run holds it.
 */
export function acquireRunLock(dir: string, database: string): () => void {
  const file = path.join(dir, LOCK_FILE);
  fs.mkdirSync(dir, { recursive: true });
  for (let attempt = 0; ; attempt++) {
    const count = held.get(file);
    if (count !== undefined) {
      held.set(file, count + 1);
      break;
    }
    const me: Holder = { pid: process.pid, startedAt: new Date().toISOString(), cwd: process.cwd(), database };
    try {
      fs.writeFileSync(file, `${JSON.stringify(me)}\n`, { flag: 'wx' });
      held.set(file, 1);
      // A run that ends without its teardown (an uncaught error, Ctrl-C) still leaves no lock behind.
      process.once('exit', () => removeIfMine(file));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readHolder(file);
    if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
      throw new TestRunLockedError(
        `Another test run (pid ${holder.pid}, started ${holder.startedAt} in ${holder.cwd}) is using the test database ${holder.database}. ` +
          `Wait for it to finish, or give this run a database of its own: TEST_NEO4J_BOLT_PORT=<port> TEST_NEO4J_HOME_DIR=<dir> npm test. ` +
          `(Lock file: ${file}; delete it only if that process is not a test run.)`,
      );
    }
    // Stale (its process is gone) or unreadable (a run killed while writing it): taken over once.
    if (attempt > 0) throw new TestRunLockedError(`Cannot take the test run lock ${file}`);
    fs.rmSync(file, { force: true });
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (held.get(file) ?? 1) - 1;
    if (left > 0) held.set(file, left);
    else {
      held.delete(file);
      removeIfMine(file);
    }
  };
}

function removeIfMine(file: string): void {
  if (readHolder(file)?.pid === process.pid) fs.rmSync(file, { force: true });
}
