import type { Driver } from 'neo4j-driver';
import type { Config } from '../../lib/config.ts';
import { createDriver } from '../../lib/neo4j.ts';
import { buildSubgraph } from '../shared/server.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';
import { seedMutations, seedPlanResolvers } from './seed-mutations.ts';

/**
 * Regulations and their provisions with version history, and the write path (seed mutations).
 * Writes use NEO4J_WRITE_USERNAME/PASSWORD when they differ from the read user: its own driver,
 * opened on the first write and closed with the server.
 */
export function buildRegulationsSubgraph(config: Config, driver: Driver) {
  const separate = config.neo4jWrite.username !== config.neo4j.username || config.neo4jWrite.password !== config.neo4j.password;
  let writer: Driver | null = null;
  const writeDriver = (): Driver => (separate ? (writer ??= createDriver({ ...config.neo4j, ...config.neo4jWrite })) : driver);
  return buildSubgraph(
    {
      name: 'regulations',
      resolvers: { ...resolvers, ...seedPlanResolvers, Mutation: seedMutations(config, driver, writeDriver) },
      createLoaders: (exec, _config, reads) => createLoaders(exec, reads),
      plugins: [{ serverWillStart: async () => ({ serverWillStop: async () => void (await writer?.close()) }) }],
    },
    config,
    driver,
  );
}
