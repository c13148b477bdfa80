/** `npm run db:start | db:stop | db:status` — the bundled Neo4j server (or the NEO4J_URI one). */
import { loadConfig } from '../lib/config.ts';
import { neo4jStatus, startNeo4j, stopNeo4j } from '../lib/neo4j-server.ts';

const command = process.argv[2];
const config = loadConfig(process.env);

try {
  switch (command) {
    case 'start': {
      const r = await startNeo4j(config.neo4j);
      console.log(r.started ? `neo4j started: ${r.uri}` : `neo4j already running: ${r.uri}`);
      break;
    }
    case 'stop':
      console.log((await stopNeo4j(config.neo4j)) ? 'neo4j stopped' : 'neo4j was not running (or is external: NEO4J_URI)');
      break;
    case 'status': {
      const s = await neo4jStatus(config.neo4j);
      console.log(`${s.answering ? 'up' : 'down'}: ${s.uri} (${s.managed ? `bundled server, pid ${s.pid ?? 'none'}` : 'external, NEO4J_URI'})`);
      process.exitCode = s.answering ? 0 : 1;
      break;
    }
    default:
      console.error('usage: tsx scripts/db.ts start|stop|status');
      process.exitCode = 2;
  }
} catch (err) {
  console.error(`error: ${(err as Error).message}`);
  process.exitCode = 1;
}
