import type { Executor } from '../../lib/neo4j.ts';
import { keyedLoader } from '../shared/batch.ts';
import { RegulationsRepository, type Amendment, type Provision, type ProvisionVersion, type Regulation } from './repository.ts';

export type ProvisionsKey = { regulationId: string; asOf: string | null };

export function createLoaders(exec: Executor) {
  const repo = new RegulationsRepository(exec);
  const regulation = keyedLoader<string, Regulation | null>((ids) => repo.regulationsById(ids), null);
  return {
    repo,
    regulation,
    provision: keyedLoader<string, Provision | null>(async (ids) => {
      const found = await repo.provisionsById(ids);
      for (const r of found.regulations) regulation.prime(r.id, r);
      return found.provisions;
    }, null),
    versions: keyedLoader<string, ProvisionVersion[]>((ids) => repo.versionsOfProvisions(ids), []),
    amendment: keyedLoader<string, Amendment | null>((ids) => repo.amendmentsById(ids), null),
    amendmentsOf: keyedLoader<string, Amendment[]>((ids) => repo.amendmentsOfRegulations(ids), []),
    /** Keys carry the date; one query per distinct date in a batch (normally one). */
    provisionsOf: keyedLoader<ProvisionsKey, Provision[]>(
      async (keys) => {
        const out = new Map<ProvisionsKey, Provision[]>();
        const byDate = new Map<string | null, ProvisionsKey[]>();
        for (const k of keys) byDate.set(k.asOf, [...(byDate.get(k.asOf) ?? []), k]);
        for (const [asOf, list] of byDate) {
          const found = await repo.provisionsOfRegulations(list.map((k) => k.regulationId), asOf);
          for (const k of list) out.set(k, found.get(k.regulationId) ?? []);
        }
        return out;
      },
      [],
      (k) => `${k.regulationId}|${k.asOf ?? ''}`,
    ),
  };
}
export type RegulationsLoaders = ReturnType<typeof createLoaders>;
