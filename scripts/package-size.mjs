// `npm run dist:check`: packs the app as electron-builder would for Linux x64,
// without Electron's runtime, then reports what the package carries and
// fails when something that only bloats got in.
//
// electron-builder validates electron-builder.yml against its schema, walks the
// `files` patterns and the production dependencies, writes app.asar and the
// unpacked native addons, exactly as `npm run dist` does. Two things differ,
// because neither can run without a network: a stand-in directory replaces
// the Electron runtime (`electronDist`), and the native rebuild for Electron's
// ABI is skipped (`npmRebuild=false`), so better-sqlite3 is packed as built
// for Node. Run `npm run build` first: the package is made from out/.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const require = createRequire(import.meta.url);

// Electron's own runtime is not measured here (it cannot be downloaded in
// every environment); this is the usual unpacked size of a Linux x64 Electron
// release of this generation, an estimate.
const ELECTRON_RUNTIME_ESTIMATE_MB = [250, 300];

/** What must never be in the package: [description, test on the path inside the app]. */
const FORBIDDEN = [
  ['source maps', (p) => p.endsWith('.map')],
  [
    'sources or tests of the app',
    (p) => /^(src-main|src-renderer|src-preload|test|bench)\//.test(p),
  ],
  ['benchmark builds', (p) => p.startsWith('out/bench/')],
  ['ONNX Runtime for the browser', (p) => p.includes('node_modules/onnxruntime-web/')],
  [
    "other platforms' ONNX Runtime",
    (p) => /onnxruntime-node\/bin\/napi-v6\/(darwin|win32|linux\/arm64)\//.test(p),
  ],
  [
    "other platforms' tokenizers",
    (p) => /tokenizers\/tokenizers\.(?!linux-x64-gnu)[^/]+\.node$/.test(p),
  ],
  ['native build leftovers', (p) => /build\/Release\/(obj|obj\.target|\.deps)\//.test(p)],
  ['debug symbols', (p) => p.endsWith('.pdb')],
];

function fail(message) {
  process.stderr.write(`dist:check: ${message}\n`);
  process.exit(1);
}

function walk(dir, base = dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, base, out);
    else out.push({ path: relative(base, full), size: statSync(full).size });
  }
  return out;
}

/** Files inside app.asar that are stored in it (not unpacked), with sizes. */
function asarFiles(file) {
  const { getRawHeader } = require('@electron/asar');
  const out = [];
  const visit = (node, prefix) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const path = prefix ? `${prefix}/${name}` : name;
      if (child.files) visit(child, path);
      else if (!child.unpacked && !child.link) out.push({ path, size: Number(child.size) });
    }
  };
  visit(getRawHeader(file).header, '');
  return out;
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const sum = (files) => files.reduce((total, f) => total + f.size, 0);

if (!existsSync(join(root, 'out/main/index.js'))) {
  fail('the app is not built: run `npm run build` first.');
}

const work = mkdtempSync(join(tmpdir(), 'homelane-dist-check-'));
try {
  const standIn = join(work, 'electron-stand-in');
  mkdirSync(standIn);
  writeFileSync(join(standIn, 'electron'), '#!/bin/sh\necho "stand-in for the Electron runtime"\n');
  chmodSync(join(standIn, 'electron'), 0o755);
  const output = join(work, 'dist');
  const builder = join(root, 'node_modules/.bin/electron-builder');
  const run = spawnSync(
    builder,
    [
      '--linux',
      'dir',
      '--x64',
      `-c.electronDist=${standIn}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${output}`,
    ],
    { cwd: root, encoding: 'utf8', timeout: 240_000 },
  );
  if (run.status !== 0) {
    fail(`electron-builder failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  process.stdout.write(
    'electron-builder accepted electron-builder.yml and packed the app (Linux x64, stand-in runtime).\n',
  );

  const resources = join(output, 'linux-unpacked/resources');
  const packed = asarFiles(join(resources, 'app.asar'));
  const unpackedDir = join(resources, 'app.asar.unpacked');
  const unpacked = existsSync(unpackedDir) ? walk(unpackedDir) : [];
  const problems = [];
  for (const file of [...packed, ...unpacked]) {
    for (const [what, test] of FORBIDDEN) {
      if (test(file.path)) problems.push(`${what}: ${file.path}`);
    }
  }

  const asarSize = statSync(join(resources, 'app.asar')).size;
  const appFiles = packed.filter((f) => !f.path.startsWith('node_modules/'));
  const modules = packed.filter((f) => f.path.startsWith('node_modules/'));
  const total = asarSize + sum(unpacked);
  const [low, high] = ELECTRON_RUNTIME_ESTIMATE_MB;
  process.stdout.write(
    [
      '',
      `app code (out/, tray icons)       ${mb(sum(appFiles))} in ${appFiles.length} files`,
      `dependencies inside app.asar      ${mb(sum(modules))} in ${modules.length} files`,
      `app.asar on disk                  ${mb(asarSize)}`,
      `native addons (app.asar.unpacked) ${mb(sum(unpacked))} in ${unpacked.length} files`,
      `the app, measured                 ${mb(total)}`,
      `Electron runtime, estimated       ${low}–${high} MB (not measured here)`,
      `installed size, estimated         ${Math.round(total / 1e6 + low)}–${Math.round(total / 1e6 + high)} MB`,
      '',
    ].join('\n'),
  );
  if (problems.length > 0) {
    fail(`the package carries files it should not:\n  ${problems.slice(0, 20).join('\n  ')}`);
  }
  process.stdout.write("No source maps, tests, other platforms' binaries or build leftovers.\n");
} finally {
  rmSync(work, { recursive: true, force: true });
}
