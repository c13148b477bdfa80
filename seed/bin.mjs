#!/usr/bin/env node
// The `regkg-seed` bin: runs seed/cli.ts through tsx's loader (the project runs TypeScript directly).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('./cli.ts');
await runCli();
