/**
 * The data-version watch trusts a known version for a while (one read per second under load), but an
 * apply committed by this process makes it ask again at once (lib/data-changes.ts): a question asked
 * right after an apply through this server never gets the previous graph's rows.
 */
import { describe, expect, it } from 'vitest';
import { graphChanged } from '../../lib/data-changes.ts';
import type { Executor } from '../../lib/neo4j.ts';
import { DataVersionWatch } from '../../subgraphs/shared/data-version.ts';

/** Stands in for the executor's one query (the DATA_VERSION_TOKEN read): a version the test moves. */
function versionReader() {
  const state = { version: 1, reads: 0 };
  const exec = { read: async () => (state.reads++, [{ version: state.version, lastApplied: null }]) } as unknown as Executor;
  return { state, exec };
}

describe('DataVersionWatch', () => {
  it('trusts a known version within the trust window', async () => {
    const { state, exec } = versionReader();
    const watch = new DataVersionWatch(60_000);
    expect((await watch.current(exec)).version).toBe(1);
    state.version = 2;
    expect((await watch.current(exec)).version).toBe(1);
    expect(state.reads).toBe(1);
  });

  it('asks again at once after an apply in this process', async () => {
    const { state, exec } = versionReader();
    const watch = new DataVersionWatch(60_000);
    expect((await watch.current(exec)).version).toBe(1);
    state.version = 2;
    graphChanged(1);
    expect((await watch.current(exec)).version).toBe(2);
    expect(state.reads).toBe(2);
    // And trusts the new version again afterwards.
    expect((await watch.current(exec)).version).toBe(2);
    expect(state.reads).toBe(2);
  });

  it('does not hand out a check started before the apply', async () => {
    const { state, exec } = versionReader();
    const watch = new DataVersionWatch(60_000);
    const early = watch.current(exec);
    state.version = 2;
    graphChanged(1);
    const late = watch.current(exec);
    expect((await late).version).toBe(2);
    expect((await early).version).toBeLessThanOrEqual(2);
    expect((await watch.current(exec)).version).toBe(2);
  });
});
