import { runSubgraph } from '../shared/run.ts';
import { buildAiServicesSubgraph } from './server.ts';

await runSubgraph('ai-services', buildAiServicesSubgraph);
