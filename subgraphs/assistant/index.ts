import { runSubgraph } from '../shared/run.ts';
import { buildAssistantSubgraph } from './server.ts';

await runSubgraph('assistant', buildAssistantSubgraph);
