import type { Executor } from '../../lib/neo4j.ts';
import { nodesByIdLoader as nodesById, relatedIdsLoader as relatedIds, type Node } from '../shared/batch.ts';
import type { SharedReads } from '../shared/shared-reads.ts';
import * as Q from './cypher.ts';

export type { Node };

export function createLoaders(exec: Executor, reads?: SharedReads) {
  return {
    exec,
    serviceType: nodesById(exec, 'serviceTypesById', Q.SERVICE_TYPES_BY_ID, reads),
    capability: nodesById(exec, 'capabilitiesById', Q.CAPABILITIES_BY_ID, reads),
    dataCategory: nodesById(exec, 'dataCategoriesById', Q.DATA_CATEGORIES_BY_ID, reads),
    concept: nodesById(exec, 'conceptsById', Q.CONCEPTS_BY_ID, reads),
    narrower: relatedIds(exec, 'narrowerOf', Q.NARROWER_OF, reads),
    capabilitiesOf: relatedIds(exec, 'capabilitiesOf', Q.CAPABILITIES_OF, reads),
    dataCategoriesOf: relatedIds(exec, 'dataCategoriesOf', Q.DATA_CATEGORIES_OF, reads),
    conceptsOf: relatedIds(exec, 'conceptsOf', Q.CONCEPTS_OF, reads),
  };
}
export type AiServicesLoaders = ReturnType<typeof createLoaders>;
