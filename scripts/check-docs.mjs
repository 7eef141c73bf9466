// `npm run check-docs`: runs every ```sh block of README.md and docs/*.md as
// written and fails with the file:line of each block that does not work.
//
// - A block preceded by `<!-- doc-check: skip (reason) -->` is not run; the
//   reason is printed. Keep these few: a GPU, a cluster, an Electron window,
//   a large download, and `npm ci`/`npm test` themselves (CI runs those).
// - Each block runs in bash (-e, pipefail). The blocks of one file run in
//   order in one fresh temporary folder, as a reader follows a page from the
//   checkout: it holds a copy of recipes/ and examples/ and an empty data
//   folder (HOMELANE_DATA_DIR), so the docs can name `recipes/...` and
//   `examples/...` and write files that later blocks use. `npx homelane` runs
//   this checkout's bin/homelane.js; `npm run ...` runs in the checkout.
// - A line that starts the server (`npm run serve`, `npx homelane serve`)
//   starts it in the background on a free port (`--port 0` replaces the
//   port), waits for its banner, checks that /health answers and that / is
//   the dashboard, and keeps it for the rest of the block, where `:8801`
//   means its port. It is stopped when the next server starts or the block
//   ends.
// - The docs' example model server on the LAN, http://192.168.1.20:8080, is
//   the tests' stand-in OpenAI-compatible server (test/support/stand-in-llm),
//   started on loopback when a block first names that address, serving the
//   model `qwen3-8b`; each line naming the address gets the stand-in's. So
//   `lanes add` and `chat` really run, against a server that echoes.
// Usage: node scripts/check-docs.mjs [FILE.md ...]   (needs the build: out/)
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const BLOCK_TIMEOUT_MS = Number(process.env.HOMELANE_DOC_CHECK_TIMEOUT_MS ?? 45_000);
const CONCURRENCY = Number(process.env.HOMELANE_DOC_CHECK_JOBS ?? 3);
const SKIP = /^<!--\s*doc-check:\s*skip\s*(?:\((.*)\))?\s*-->$/;
const EXAMPLE_SERVER = 'http://192.168.1.20:8080';
const STAND_IN = join(root, 'test/support/stand-in-llm/server.mjs');
const SERVE = /^(?:[A-Z_][A-Z0-9_]*=\S+\s+)*(?:npm run serve|npx homelane serve)\b/;

/** The ```sh blocks of a markdown file: { line, code, skip? }. */
function extractBlocks(text) {
  const lines = text.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```sh\s*$/.test(lines[i])) continue;
    const start = i;
    const body = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    let before = start - 1;
    while (before >= 0 && lines[before].trim() === '') before--;
    const marker = before >= 0 ? SKIP.exec(lines[before].trim()) : null;
    blocks.push({
      line: start + 1,
      code: body.join('\n'),
      skip: marker ? (marker[1] ?? 'no reason given') : undefined,
    });
  }
  return blocks;
}

/** Joins `\` continuations so each command is one line. */
function commands(code) {
  return code.replace(/\\\n\s*/g, '').split('\n');
}

/** A serve line with its comment removed and `--port 0` in place of any port. */
function servedCommand(line) {
  let command = line.replace(/\s+#.*$/, '').trim();
  if (/--port\s+\S+/.test(command)) return command.replace(/--port\s+\S+/, '--port 0');
  if (command.includes('npm run serve')) {
    return command.includes('npm run serve --')
      ? `${command} --port 0`
      : command.replace('npm run serve', 'npm run serve -- --port 0');
  }
  return `${command} --port 0`;
}

/** The bash script for one block; `modelServer` stands for the docs' example server. */
function blockScript(code, modelServer = EXAMPLE_SERVER) {
  const out = [];
  for (const written of commands(code)) {
    const line = written.split(EXAMPLE_SERVER).join(modelServer);
    if (SERVE.test(line.trim())) out.push(`__doc_serve ${shellQuote(servedCommand(line))}`);
    else if (/:8801\b/.test(line)) out.push(`__doc_at_port ${shellQuote(line)}`);
    else out.push(line);
  }
  return `${PREAMBLE}\n${out.join('\n')}\n`;
}

function shellQuote(text) {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

const PREAMBLE = String.raw`set -eo pipefail
npx() { if [ "$1" = homelane ]; then shift; node "$HOMELANE_DOC_REPO/bin/homelane.js" "$@"; else command npx "$@"; fi; }
npm() { if [ "$1" = run ]; then (cd "$HOMELANE_DOC_REPO" && command npm --silent "$@"); else command npm "$@"; fi; }
export -f npx npm
__doc_pid=""
HOMELANE_DOC_PORT=8801
# A line that names :8801, run against the server the block started.
__doc_at_port() { eval "$(printf '%s' "$1" | sed "s/:8801\b/:$HOMELANE_DOC_PORT/g")"; }
__doc_stop() {
  if [ -n "$__doc_pid" ]; then
    kill -TERM -- "-$__doc_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$__doc_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$__doc_pid" 2>/dev/null || true
    __doc_pid=""
  fi
}
trap __doc_stop EXIT
__doc_serve() {
  __doc_stop
  local log url=""
  log="$(mktemp "$PWD/serve-XXXXXX.log")"
  setsid bash -c "$1" >"$log" 2>&1 < /dev/null &
  __doc_pid=$!
  for _ in $(seq 1 300); do
    url="$(sed -n 's/.*serving on \(http:[^ ]*\).*/\1/p' "$log" | head -n 1)"
    [ -n "$url" ] && break
    if ! kill -0 "$__doc_pid" 2>/dev/null; then
      echo "doc-check: the server ended before it printed its address: $1" >&2; cat "$log" >&2; return 1
    fi
    sleep 0.1
  done
  if [ -z "$url" ]; then echo "doc-check: no 'serving on' banner in 30 s: $1" >&2; cat "$log" >&2; return 1; fi
  HOMELANE_DOC_PORT="$(printf '%s' "$url" | sed 's#.*:\([0-9]*\)/*$#\1#')"
  curl -fsS "http://127.0.0.1:$HOMELANE_DOC_PORT/health" >/dev/null \
    || { echo "doc-check: /health did not answer: $1" >&2; return 1; }
  curl -fsS "http://127.0.0.1:$HOMELANE_DOC_PORT/" | grep -q '<div id="root"' \
    || { echo "doc-check: / is not the dashboard: $1" >&2; return 1; }
  echo "doc-check: $1 -> serving on port $HOMELANE_DOC_PORT, /health and the dashboard answer" >&2
}
`;

/** The stand-in model server, started once when a block first needs it. */
let modelServer;
function startModelServer() {
  modelServer ??= new Promise((resolveUrl, reject) => {
    const child = spawn(process.execPath, [STAND_IN, '--served-model-name', 'qwen3-8b'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let banner = '';
    const failed = (why) => reject(new Error(`check-docs: the stand-in model server ${why}`));
    child.on('error', (error) => failed(`did not start: ${error.message}`));
    child.on('exit', (code) => failed(`ended (exit ${code}) before it printed its address`));
    child.stdout.on('data', (chunk) => {
      banner += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(banner)?.[1];
      if (url) resolveUrl({ url, stop: () => child.stdin.end() });
    });
  });
  return modelServer;
}

function runBlock(script, cwd, env) {
  return new Promise((resolve) => {
    const file = join(cwd, '.doc-block.sh');
    writeFileSync(file, script);
    const child = spawn('bash', [file], { cwd, env, detached: true });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      output += `\ndoc-check: timed out after ${BLOCK_TIMEOUT_MS} ms`;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, BLOCK_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, code: code ?? signal, output });
    });
  });
}

function docFiles(args) {
  if (args.length > 0) return args.map((file) => resolve(process.cwd(), file));
  const docs = existsSync(join(root, 'docs'))
    ? readdirSync(join(root, 'docs'))
        .filter((name) => name.endsWith('.md'))
        .sort()
        .map((name) => join(root, 'docs', name))
    : [];
  return [join(root, 'README.md'), ...docs];
}

/** Runs one file's blocks in order in a folder of its own; returns its report. */
async function checkFile(file) {
  const name = relative(root, file);
  const report = { lines: [], failures: [], ran: 0, skipped: 0 };
  const cwd = mkdtempSync(join(tmpdir(), 'homelane-doc-'));
  for (const folder of ['recipes', 'examples']) {
    cpSync(join(root, folder), join(cwd, folder), { recursive: true });
  }
  const env = {
    ...process.env,
    HOMELANE_DOC_REPO: root,
    HOMELANE_DATA_DIR: join(cwd, '.data'),
    HOMELANE_LOG_LEVEL: process.env.HOMELANE_LOG_LEVEL ?? 'warn',
  };
  delete env.HOMELANE_TOKEN;
  try {
    for (const block of extractBlocks(readFileSync(file, 'utf8'))) {
      const where = `${name}:${block.line}`;
      if (block.skip !== undefined) {
        report.skipped++;
        report.lines.push(`skip ${where} (${block.skip})`);
        continue;
      }
      const started = Date.now();
      let server;
      if (block.code.includes(EXAMPLE_SERVER)) {
        server = await startModelServer().catch((error) => ({ error }));
        if (server.error) {
          report.lines.push(`FAIL ${where} (no model server for ${EXAMPLE_SERVER})`);
          report.failures.push({ where, output: server.error.message });
          continue;
        }
      }
      const result = await runBlock(blockScript(block.code, server?.url), cwd, env);
      report.ran++;
      const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
      const servers = result.output.match(/\/health and the dashboard answer/g)?.length ?? 0;
      const served =
        servers > 0 ? `; ${servers} server start(s): /health and the dashboard answered` : '';
      if (result.ok) report.lines.push(`ok   ${where} (${took}${served})`);
      else {
        report.lines.push(`FAIL ${where} (exit ${result.code}, ${took})`);
        report.failures.push({ where, output: result.output });
      }
    }
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
  return report;
}

async function main(args) {
  if (!existsSync(join(root, 'out/main/cli.js'))) {
    process.stderr.write('check-docs: the app is not built: run `npm run build` first.\n');
    return 1;
  }
  // Files are independent (own folder, own data, free ports): a few run at once.
  const files = docFiles(args);
  const reports = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      reports[index] = await checkFile(files[index]);
      process.stdout.write(`${reports[index].lines.join('\n')}\n`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));
  } finally {
    if (modelServer) (await modelServer.catch(() => undefined))?.stop();
  }
  const total = (key) => reports.reduce((sum, report) => sum + report[key], 0);
  const failures = reports.flatMap((report) => report.failures);
  process.stdout.write(
    `\n${total('ran')} blocks ran, ${failures.length} failed, ${total('skipped')} skipped by a marker\n`,
  );
  for (const failure of failures) {
    const tail = failure.output.trim().split('\n').slice(-15).join('\n  ');
    process.stderr.write(`\n${failure.where}: this block does not work as written:\n  ${tail}\n`);
  }
  return failures.length === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
