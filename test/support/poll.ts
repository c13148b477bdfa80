/**
 * Asks until the answer is the one expected, for answers that follow an applied amendment: every
 * cache trusts a known data version for up to a second. Asks once, then up to `tries` more times
 * every `everyMs` (5 s in all by default); returns the last answer for the test to assert on.
 */
export async function askUntil<T>(ask: () => Promise<T>, done: (answer: T) => boolean, { tries = 20, everyMs = 250 } = {}): Promise<T> {
  let answer = await ask();
  for (let i = 0; i < tries && !done(answer); i++) {
    await new Promise((r) => setTimeout(r, everyMs));
    answer = await ask();
  }
  return answer;
}
