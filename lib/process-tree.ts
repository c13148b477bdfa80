import fs from 'node:fs';

/** The direct children of a process (Linux /proc); [] when it is gone. */
export function childrenOf(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** Every process below `pid` (children, their children, …): `npm start`'s cluster workers too. */
export function descendantsOf(pid: number): number[] {
  return childrenOf(pid).flatMap((c) => [c, ...descendantsOf(c)]);
}

/** The process exists (signal 0 delivered; EPERM: it exists but belongs to someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Stops `roots` and every process below them: SIGTERM to all, then SIGKILL to those still alive
 * after `graceMs`. The tree is read first, while the processes are still ours: a cluster primary
 * that exits leaves its workers to init, where no walk of our tree finds them again; and a worker
 * whose event loop is blocked (building an index synchronously) never runs its SIGTERM handler.
 */
export async function killTree(roots: number[], graceMs: number): Promise<void> {
  const pids = [...new Set(roots.flatMap((pid) => [pid, ...descendantsOf(pid)]))];
  const signal = (pid: number, sig: NodeJS.Signals) => {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  };
  for (const pid of pids) signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (pids.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const pid of pids.filter(isAlive)) signal(pid, 'SIGKILL');
}
