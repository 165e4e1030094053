#!/usr/bin/env node
// Runs the TypeScript CLI straight from source through tsx, so `npx layerloom` needs no build step.
import { tsImport } from 'tsx/esm/api';

const { run } = await tsImport('../src/cli/main.ts', import.meta.url);
await run(process.argv.slice(2));
