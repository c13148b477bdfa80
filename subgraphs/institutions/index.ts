import { runSubgraph } from '../shared/run.ts';
import { buildInstitutionsSubgraph } from './server.ts';

await runSubgraph('institutions', buildInstitutionsSubgraph);
