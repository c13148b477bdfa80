import path from 'node:path';

/** The checkout's root folder. A module of its own so that light processes need not load the Neo4j launcher for it. */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');
