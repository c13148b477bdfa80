/**
 * The configuration tests run with. Without NEO4J_URI the tests use their own bundled Neo4j
 * (port 7697, data in .data/neo4j-test) so `npm test` never touches the data of `npm start`.
 */
import { loadConfig, type Config } from '../../lib/config.ts';

export function testEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const external = Boolean(process.env.NEO4J_URI);
  return {
    ...process.env,
    APP_ENV: 'test',
    // The suite's output stays readable; a test that checks log lines captures them (captureLogs).
    LOG_LEVEL: 'silent',
    ...(external ? {} : { NEO4J_BOLT_PORT: process.env.TEST_NEO4J_BOLT_PORT ?? '7697', NEO4J_HOME_DIR: process.env.TEST_NEO4J_HOME_DIR ?? '.data/neo4j-test' }),
    ...extra,
  };
}

export function testConfig(extra: Record<string, string | undefined> = {}): Config {
  return loadConfig(testEnv(extra));
}
