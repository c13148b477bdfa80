import type { Executor } from '../../lib/neo4j.ts';
import { nodesByIdLoader as nodesById, relatedIdsLoader as relatedIds, type Node } from '../shared/batch.ts';
import * as Q from './cypher.ts';

export type { Node };

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
