import { runSubgraph } from '../shared/run.ts';
import { buildObligationsSubgraph } from './server.ts';

await runSubgraph('obligations', buildObligationsSubgraph);
