/**
 * The assistant's matcher index, rebuilt when the graph's data version changes. The seed loader
 * bumps `(:DataVersion)` on every apply, so an amendment is reflected at the next request without a
 * restart; concurrent requests during a rebuild share one build.
 */
import { createMatcher, type Matcher } from '../../matcher/index.ts';
import type { Executor } from '../../lib/neo4j.ts';
import { readConcepts, readObligationDocuments } from './corpus.ts';
import * as Q from './cypher.ts';

export interface IndexState {
  matcher: Matcher;
  dataVersion: number;
  builtAt: string;
  size: number;
}

export class IndexCache {
  private state: IndexState | null = null;
  private building: Promise<IndexState> | null = null;
  private checkedAt = 0;

  /** `recheckMs`: how long a known data version is trusted before asking the graph again. */
  constructor(private readonly recheckMs = 1000) {}

  async get(exec: Executor): Promise<IndexState> {
    const now = Date.now();
    if (this.state && now - this.checkedAt < this.recheckMs) return this.state;
    const rows = await exec.read('assistantDataVersion', Q.DATA_VERSION);
    const version = Number(rows[0]?.version ?? 0);
    this.checkedAt = now;
    if (this.state && this.state.dataVersion === version) return this.state;
    if (!this.building) {
      this.building = this.build(exec, version).finally(() => {
        this.building = null;
      });
    }
    this.state = await this.building;
    return this.state;
  }

  private async build(exec: Executor, dataVersion: number): Promise<IndexState> {
    const [docs, concepts] = await Promise.all([readObligationDocuments(exec), readConcepts(exec)]);
    const matcher = createMatcher({ concepts });
    matcher.add(docs);
    return { matcher, dataVersion, builtAt: new Date().toISOString(), size: matcher.size };
  }
}
