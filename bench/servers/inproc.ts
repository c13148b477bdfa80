/**
 * Ours, in one process: the five subgraphs and the gateway of lib/stack.ts `startInProcessStack`
 * (the same code `npm start` runs as six processes).
 *
 *   node --import tsx bench/servers/inproc.ts [local]    (ports from config; prints {"url": ...} when ready)
 *   "local": the gateway calls the subgraphs in-process (no HTTP between them)
 */
import { loadConfig } from '../../lib/config.ts';
import { startInProcessStack } from '../../lib/stack.ts';
import { configureLogging } from '../../lib/logger.ts';

const config = loadConfig(process.env);
configureLogging(config);
const transport = process.argv[2] === 'local' ? 'local' : 'http';
const stack = await startInProcessStack(config, { ports: 'config', transport });
process.stdout.write(`${JSON.stringify({ url: stack.graphqlUrl })}\n`);
const stop = async () => {
  await stack.stop();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
