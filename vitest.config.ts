import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Three tiers. Integration and e2e tests share one real Neo4j (started by the global setup, or
// NEO4J_URI), and each file resets the graph it uses, so files run one at a time.
export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build (graphql 16 has no "exports" map); Vite would pick its ESM
    // build for our files while Apollo's CommonJS code requires the other one: two graphql realms.
    alias: { graphql: fileURLToPath(new URL('./node_modules/graphql/index.js', import.meta.url)) },
  },
  test: {
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'integration', include: ['test/integration/**/*.test.ts'], globalSetup: ['test/support/global-setup.ts'] },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/support/global-setup.ts'] },
      },
    ],
  },
});
