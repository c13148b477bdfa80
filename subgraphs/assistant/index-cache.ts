/**
 * The assistant's matcher index, rebuilt when the graph's data version changes. The seed loader
 * bumps `(:DataVersion)` on every apply, so an amendment is reflected at the next request without a
 * restart; concurrent requests during a rebuild share one build.
 */
import { within } from '../../lib/wait.ts';
import { createMatcher, type Matcher } from '../../matcher/index.ts';
import type { Executor } from '../../lib/neo4j.ts';
import { readConcepts, readObligationDocuments } from './corpus.ts';
import { DataVersionWatch } from '../shared/data-version.ts';
import type { Check } from '../../lib/health.ts';
import { setMatcherIndexSize } from '../../lib/metrics.ts';

export interface IndexState {
  matcher: Matcher;
  dataVersion: number;
  builtAt: string;
  size: number;
}

export class IndexCache {
  private state: (IndexState & { versionKey: string }) | null = null;
  private building: Promise<IndexState & { versionKey: string }> | null = null;
  private readonly watch = new DataVersionWatch();

  async get(exec: Executor): Promise<IndexState> {
    const { version, key } = await this.watch.current(exec);
    if (this.state && this.state.versionKey === key) return this.state;
    if (!this.building) {
      this.building = this.build(exec, version)
        .then((built) => ({ ...built, versionKey: key }))
        .finally(() => {
          this.building = null;
        });
    }
    this.state = await this.building;
    return this.state;
  }

  /**
   * For /readyz: is the index of the current data version built? Asking starts a build when the
   * version moved; a build longer than `waitMs` reports `building` rather than holding the probe.
   */
  async readiness(exec: Executor, waitMs = 200): Promise<Check> {
    try {
      const state = await within(this.get(exec), waitMs, 'building' as const);
      if (state === 'building') return { name: 'assistantIndex', ok: false, building: true };
      return { name: 'assistantIndex', ok: true, documents: state.size, dataVersion: state.dataVersion, builtAt: state.builtAt };
    } catch (err) {
      return { name: 'assistantIndex', ok: false, error: (err as Error).message };
    }
  }

  private async build(exec: Executor, dataVersion: number): Promise<IndexState> {
    const [docs, concepts] = await Promise.all([readObligationDocuments(exec), readConcepts(exec)]);
    const matcher = createMatcher({ concepts });
    // In slices: a national corpus takes seconds to index, during which the worker must still answer
    // /healthz and honour SIGTERM (a synchronous add blocked its event loop for minutes at ×1000).
    await matcher.addAsync(docs);
    setMatcherIndexSize(matcher.size);
    return { matcher, dataVersion, builtAt: new Date().toISOString(), size: matcher.size };
  }
}
