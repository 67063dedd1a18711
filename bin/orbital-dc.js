#!/usr/bin/env node
// The `orbital-dc` command (package.json "bin"): loads the TypeScript sources through tsx, as `npm start` does.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/orbital-dc.ts');
await main(process.argv);
