import type { Executor } from '../../lib/neo4j.ts';
import { groupBy } from '../shared/batch.ts';
import { DATA_VERSION_TOKEN } from '../shared/data-version.ts';
import * as Q from './cypher.ts';

export interface Regulation {
  id: string;
  nameKo: string;
  nameEn: string;
  shortKo?: string | null;
  shortEn?: string | null;
  jurisdiction: string;
  instrumentType: string;
  binding: boolean;
  inForceFrom?: string | null;
  applicableFrom?: string | null;
  [k: string]: unknown;
}
export interface Provision {
  id: string;
  regulationId: string;
  article: string;
  citationKo: string;
  citationEn: string;
  titleKo?: string | null;
  titleEn?: string | null;
}
export interface ProvisionVersion {
  id: string;
  validFrom: string;
  validTo: string | null;
  textKo?: string | null;
  textEn?: string | null;
  sourceUrl?: string | null;
  amendmentId?: string | null;
}
export interface Amendment {
  id: string;
  regulationId: string;
  effectiveOn: string;
  [k: string]: unknown;
}

/** Orders article labels naturally: 2 < 4 < 18 < 36 < 36-2 < 37. */
export function compareArticles(a: string, b: string): number {
  const pa = a.split(/[^0-9]+/).filter(Boolean).map(Number);
  const pb = b.split(/[^0-9]+/).filter(Boolean).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return a.localeCompare(b);
}

export class RegulationsRepository {
  constructor(private readonly exec: Executor) {}

  async regulationsById(ids: readonly string[]): Promise<Map<string, Regulation>> {
    const rows = await this.exec.read('regulationsById', Q.REGULATIONS_BY_ID, { ids });
    return new Map(rows.map((r) => [(r.regulation as Regulation).id, r.regulation as Regulation]));
  }

  async listRegulations(f: { jurisdiction?: string | null; binding?: boolean | null; limit: number; offset: number }): Promise<Regulation[]> {
    const rows = await this.exec.read('listRegulations', Q.REGULATION_LIST, {
      jurisdiction: f.jurisdiction ?? null,
      binding: f.binding ?? null,
      limit: f.limit,
      offset: f.offset,
    });
    return rows.map((r) => r.regulation as Regulation);
  }

  async provisionsById(ids: readonly string[]): Promise<{ provisions: Map<string, Provision>; regulations: Regulation[] }> {
    const rows = await this.exec.read('provisionsById', Q.PROVISIONS_BY_ID, { ids });
    return {
      provisions: new Map(rows.map((r) => [(r.provision as Provision).id, r.provision as Provision])),
      regulations: rows.map((r) => r.regulation as Regulation | null).filter((r): r is Regulation => r !== null),
    };
  }

  async provisionsOfRegulations(ids: readonly string[], asOf: string | null): Promise<Map<string, Provision[]>> {
    const rows = await this.exec.read('provisionsOfRegulations', Q.PROVISIONS_OF_REGULATIONS, { ids, asOf });
    const grouped = groupBy(rows, (r) => r.rid as string);
    const out = new Map<string, Provision[]>();
    for (const [rid, list] of grouped) {
      out.set(rid, list.map((r) => r.provision as Provision).sort((a, b) => compareArticles(a.article, b.article)));
    }
    return out;
  }

  async versionsOfProvisions(ids: readonly string[]): Promise<Map<string, ProvisionVersion[]>> {
    const rows = await this.exec.read('versionsOfProvisions', Q.VERSIONS_OF_PROVISIONS, { ids });
    const grouped = groupBy(rows, (r) => r.pid as string);
    return new Map([...grouped].map(([pid, list]) => [pid, list.map((r) => r.version as ProvisionVersion)]));
  }

  async amendmentsById(ids: readonly string[]): Promise<Map<string, Amendment>> {
    const rows = await this.exec.read('amendmentsById', Q.AMENDMENTS_BY_ID, { ids });
    return new Map(rows.map((r) => [(r.amendment as Amendment).id, r.amendment as Amendment]));
  }

  async amendmentsOfRegulations(ids: readonly string[]): Promise<Map<string, Amendment[]>> {
    const rows = await this.exec.read('amendmentsOfRegulations', Q.AMENDMENTS_OF_REGULATIONS, { ids });
    const grouped = groupBy(rows, (r) => r.rid as string);
    return new Map([...grouped].map(([rid, list]) => [rid, list.map((r) => r.amendment as Amendment)]));
  }

  async listAmendments(regulationId: string | null, limit: number): Promise<Amendment[]> {
    const rows = await this.exec.read('listAmendments', Q.AMENDMENT_LIST, { regulationId, limit });
    return rows.map((r) => r.amendment as Amendment);
  }

  async dataVersion(): Promise<number> {
    const rows = await this.exec.read('dataVersion', DATA_VERSION_TOKEN);
    return Number(rows[0]?.version ?? 0);
  }
}
