/**
 * `work`'s value if it settles within `ms`, else `late`; the work itself goes on (a caller that
 * waits for a read or a build only so long, then does something else). A rejection that comes first
 * reaches the caller.
 */
export async function within<T, L>(work: Promise<T>, ms: number, late: L): Promise<T | L> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<L>((resolve) => {
    timer = setTimeout(() => resolve(late), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
