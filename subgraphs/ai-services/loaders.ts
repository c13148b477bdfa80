import type { Executor } from '../../lib/neo4j.ts';
import { groupBy, keyedLoader } from '../shared/batch.ts';
import * as Q from './cypher.ts';

export type Node = { id: string; [k: string]: unknown };

/** One query for all ids; returns id → node. */
function nodesById(exec: Executor, name: string, cypher: string) {
  return keyedLoader<string, Node | null>(async (ids) => {
    const rows = await exec.read(name, cypher, { ids });
    const key = rows[0] && 'serviceType' in rows[0] ? 'serviceType' : 'node';
    return new Map(rows.map((r) => [(r[key] as Node).id, r[key] as Node]));
  }, null);
}

/** One query for all ids; returns id → list of related ids. */
function relatedIds(exec: Executor, name: string, cypher: string) {
  return keyedLoader<string, string[]>(async (ids) => {
    const rows = await exec.read(name, cypher, { ids });
    return new Map([...groupBy(rows, (r) => r.key as string)].map(([k, list]) => [k, list.map((r) => r.target as string)]));
  }, []);
}

export function createLoaders(exec: Executor) {
  return {
    exec,
    serviceType: nodesById(exec, 'serviceTypesById', Q.SERVICE_TYPES_BY_ID),
    capability: nodesById(exec, 'capabilitiesById', Q.CAPABILITIES_BY_ID),
    dataCategory: nodesById(exec, 'dataCategoriesById', Q.DATA_CATEGORIES_BY_ID),
    concept: nodesById(exec, 'conceptsById', Q.CONCEPTS_BY_ID),
    narrower: relatedIds(exec, 'narrowerOf', Q.NARROWER_OF),
    capabilitiesOf: relatedIds(exec, 'capabilitiesOf', Q.CAPABILITIES_OF),
    dataCategoriesOf: relatedIds(exec, 'dataCategoriesOf', Q.DATA_CATEGORIES_OF),
    conceptsOf: relatedIds(exec, 'conceptsOf', Q.CONCEPTS_OF),
  };
}
export type AiServicesLoaders = ReturnType<typeof createLoaders>;
