#!/usr/bin/env node
// The `kata` command: loads the TypeScript CLI through tsx, so nothing needs building first.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/bin.ts');
