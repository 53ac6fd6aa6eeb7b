#!/usr/bin/env node
// Entry point for `npx sim`: loads the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

register();
const here = dirname(fileURLToPath(import.meta.url));
const { main } = await import(join(here, '..', 'sim', 'cli', 'main.ts'));
const { hideBin } = await import('yargs/helpers');
process.exitCode = await main(hideBin(process.argv));
