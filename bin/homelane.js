#!/usr/bin/env node
// The `homelane` command. It runs the CLI that `npm run build` (and `npm ci`,
// through the prepare script) writes to out/main/cli.js.
import { existsSync } from 'node:fs';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write(
    'homelane: the app is not built yet. Run `npm run build` (npm ci does it for you), then try again.\n',
  );
  process.exit(1);
}
await import(cli.href);
