#!/usr/bin/env node
// The `kata` command: loads the TypeScript CLI through tsx's loader registered in this very process
// (not the tsx CLI, which runs a second node process and SIGKILLs it when it is slow to answer a
// Ctrl-C: the attempt must be recorded first). `npm start` and `npm run kata` run this file too.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/bin.ts');
