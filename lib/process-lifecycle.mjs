/**
 * How serving processes live and die under a supervisor, shared by the TypeScript processes and the
 * plain-JavaScript cluster primary (scripts/serve-cluster.mjs), which runs without the TypeScript
 * loader and so cannot import a .ts module. Types: process-lifecycle.d.mts.
 */

/** Back-off before restarting a child that died for the `restarts`-th time: 1 s, 2 s, 4 s … up to 30 s. */
export function restartDelayMs(restarts) {
  return Math.min(30_000, 500 * 2 ** Math.min(restarts, 6));
}

/**
 * Stops a serving process when the process that started it is gone (the `npm start` supervisor
 * killed with SIGKILL, a closed terminal): an orphaned server would keep the ports and the data
 * version it last saw. Polls the parent pid, which becomes another process (init or a subreaper)
 * when the parent dies; the timer never keeps the process alive by itself.
 */
export function stopWithParent(stop, everyMs = 1000) {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      console.error(`parent process ${parent} is gone; stopping`);
      stop();
    }
  }, everyMs);
  timer.unref();
}
