#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so the runner works right after `npm install`.
import { tsImport } from 'tsx/esm/api';

await tsImport('../src/cli/bin.ts', import.meta.url);
