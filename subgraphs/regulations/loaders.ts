import type { Executor } from '../../lib/neo4j.ts';
import { keyedLoader } from '../shared/batch.ts';
import type { SharedReads } from '../shared/shared-reads.ts';
import { RegulationsRepository, type Amendment, type Provision, type ProvisionVersion, type Regulation } from './repository.ts';

export type ProvisionsKey = { regulationId: string; asOf: string | null };

export function createLoaders(exec: Executor, reads?: SharedReads) {
  const repo = new RegulationsRepository(exec);
  const shared = (name: string) => reads && { reads, name };
  const regulation = keyedLoader<string, Regulation | null>((ids) => repo.regulationsById(ids), null, undefined, shared('regulationsById'));
  return {
    repo,
    regulation,
    provision: keyedLoader<string, Provision | null>(async (ids, share) => {
      const found = await repo.provisionsById(ids);
      for (const r of found.regulations) {
        regulation.prime(r.id, r);
        share?.('regulationsById', r.id, r);
      }
      return found.provisions;
    }, null, undefined, shared('provisionsById')),
    versions: keyedLoader<string, ProvisionVersion[]>((ids) => repo.versionsOfProvisions(ids), [], undefined, shared('provisionVersions')),
    amendment: keyedLoader<string, Amendment | null>((ids) => repo.amendmentsById(ids), null, undefined, shared('amendmentsById')),
    amendmentsOf: keyedLoader<string, Amendment[]>((ids) => repo.amendmentsOfRegulations(ids), [], undefined, shared('amendmentsOf')),
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
      shared('provisionsOf'),
    ),
  };
}
export type RegulationsLoaders = ReturnType<typeof createLoaders>;
