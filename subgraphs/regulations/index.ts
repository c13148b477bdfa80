import { runSubgraph } from '../shared/run.ts';
import { buildRegulationsSubgraph } from './server.ts';

await runSubgraph('regulations', buildRegulationsSubgraph);
