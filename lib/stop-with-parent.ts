/**
 * Stops a serving process when the process that started it is gone (the `npm start` supervisor
 * killed with SIGKILL, a closed terminal): an orphaned server would keep the ports and the data
 * version it last saw. Polls the parent pid, which becomes another process (init or a subreaper)
 * when the parent dies; the timer never keeps the process alive by itself.
 */
export function stopWithParent(stop: () => void, everyMs = 1000): void {
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
