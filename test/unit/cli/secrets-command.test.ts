import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SecretsEnv } from '../../../src-main/core/cli/secrets-command';
import {
  addSecretsCommand,
  readStream,
  valueFromStdin,
} from '../../../src-main/core/cli/secrets-command';
import { CliExit } from '../../../src-main/core/cli/load-router';
import { FileSecretStore } from '../../../src-main/core/secrets/file-secret-store';
import { makeTempDir } from '../../support/temp-dir';

const KEY = 'sk-proj-0123456789abcdefABCDEF';

interface Run {
  code: number;
  out: string;
  err: string;
  stdinReads: number;
}

let temp: ReturnType<typeof makeTempDir>;
let dataDir: string;
beforeEach(() => {
  temp = makeTempDir('homelane-secrets-cli-');
  dataDir = join(temp.dir, 'data');
});
afterEach(() => temp.cleanup());

async function homelane(
  args: string[],
  stdin = '',
  env: Record<string, string> = {},
  extra: Partial<SecretsEnv> = {},
): Promise<Run> {
  let out = '';
  let err = '';
  let stdinReads = 0;
  const io = {
    out: (text: string) => void (out += text),
    err: (text: string) => void (err += text),
  };
  const program = new Command('homelane')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  addSecretsCommand(program, io, {
    readStdin: () => {
      stdinReads += 1;
      return Promise.resolve(stdin);
    },
    stdinIsTty: () => false,
    env,
    ...extra,
  });
  let code = 0;
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CliExit)) throw error;
    code = error.exitCode;
  }
  return { code, out, err, stdinReads };
}

const stored = () => new FileSecretStore(dataDir);

describe('homelane secrets', () => {
  it('set reads the value from stdin and stores it in a 0600 secrets.json', async () => {
    const run = await homelane(
      ['secrets', 'set', 'OPENAI_API_KEY', '--data-dir', dataDir],
      `${KEY}\n`,
    );
    expect(run.code).toBe(0);
    expect(run.stdinReads).toBe(1);
    const path = join(dataDir, 'secrets.json');
    expect(run.out).toBe(`stored OPENAI_API_KEY in ${path}\n`);
    expect(run.err).toBe('');
    expect(await stored().get('OPENAI_API_KEY')).toBe(KEY);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(`${run.out}${run.err}`).not.toContain(KEY);
  });

  it('set prompts on a terminal, on stderr', async () => {
    const run = await homelane(
      ['secrets', 'set', 'A_KEY', '--data-dir', dataDir],
      KEY,
      {},
      {
        stdinIsTty: () => true,
      },
    );
    expect(run.code).toBe(0);
    expect(run.err).toContain('A_KEY');
    expect(run.err).toContain('Ctrl-D');
    expect(await stored().get('A_KEY')).toBe(KEY);
  });

  it('set refuses a value on the command line, an empty stdin and a bad name', async () => {
    const inArgv = await homelane(['secrets', 'set', 'A_KEY', KEY, '--data-dir', dataDir], KEY);
    expect(inArgv.code).toBe(2);
    expect(inArgv.stdinReads).toBe(0);
    expect(`${inArgv.out}${inArgv.err}`).not.toContain(KEY);

    for (const stdin of ['', '\n', '  \r\n']) {
      const empty = await homelane(['secrets', 'set', 'A_KEY', '--data-dir', dataDir], stdin);
      expect(empty.code).toBe(2);
      expect(empty.err).toContain('no value on stdin');
    }

    const badName = await homelane(['secrets', 'set', 'not a name', '--data-dir', dataDir], KEY);
    expect(badName.code).toBe(2);
    expect(badName.stdinReads).toBe(0);
    expect(badName.err).toContain('[invalid_name]');
    expect(existsSync(join(dataDir, 'secrets.json'))).toBe(false);
  });

  it('set notes when an environment variable of that name wins', async () => {
    const run = await homelane(['secrets', 'set', 'A_KEY', '--data-dir', dataDir], KEY, {
      A_KEY: 'from-the-environment',
    });
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/environment variable A_KEY is set/);
    expect(await stored().get('A_KEY')).toBe(KEY);
  });

  it('list prints names only, as text or JSON', async () => {
    const empty = await homelane(['secrets', 'list', '--data-dir', dataDir]);
    expect(empty.code).toBe(0);
    expect(empty.out).toBe(`no secrets stored in ${join(dataDir, 'secrets.json')}\n`);
    expect(existsSync(dataDir)).toBe(false);

    await stored().set('OPENAI_API_KEY', KEY);
    await stored().set('ANTHROPIC_API_KEY', 'ant-0123456789');
    const text = await homelane(['secrets', 'list', '--data-dir', dataDir], '', {
      OPENAI_API_KEY: 'sk-env',
    });
    expect(text.code).toBe(0);
    expect(text.out).toBe(
      'ANTHROPIC_API_KEY\nOPENAI_API_KEY  (the environment variable OPENAI_API_KEY overrides it)\n',
    );

    const json = await homelane(['secrets', 'list', '--json', '--data-dir', dataDir]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual({
      file: join(dataDir, 'secrets.json'),
      secrets: [
        { name: 'ANTHROPIC_API_KEY', overridden_by_env: false },
        { name: 'OPENAI_API_KEY', overridden_by_env: false },
      ],
    });
    expect(`${text.out}${json.out}`).not.toContain(KEY);
  });

  it.runIf(process.platform !== 'win32')(
    'list fails with the chmod fix on an unsafe file',
    async () => {
      await stored().set('A_KEY', KEY);
      const path = join(dataDir, 'secrets.json');
      chmodSync(path, 0o644);
      const run = await homelane(['secrets', 'list', '--data-dir', dataDir]);
      expect(run.code).toBe(1);
      expect(run.err).toContain('[unsafe_permissions]');
      expect(run.err).toContain(`chmod 600 "${path}"`);
      expect(run.out).toBe('');
    },
  );

  it('remove deletes a stored secret and fails on a missing one', async () => {
    await stored().set('A_KEY', KEY);
    await stored().set('B_KEY', KEY);
    const run = await homelane(['secrets', 'remove', 'A_KEY', '--data-dir', dataDir]);
    expect(run.code).toBe(0);
    expect(run.out).toBe(`removed A_KEY from ${join(dataDir, 'secrets.json')}\n`);
    expect(await stored().list()).toEqual(['B_KEY']);

    const missing = await homelane(['secrets', 'remove', 'A_KEY', '--data-dir', dataDir], '', {
      A_KEY: 'env-value',
    });
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no secret A_KEY');
    expect(missing.err).toContain('environment variable A_KEY');

    const usage = await homelane(['secrets', 'remove', '--data-dir', dataDir]);
    expect(usage.code).toBe(2);
    expect(await stored().list()).toEqual(['B_KEY']);
  });

  it('reports a corrupt file with exit 1', async () => {
    await stored().set('A_KEY', KEY);
    const path = join(dataDir, 'secrets.json');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.slice(0, -5));
    const run = await homelane(['secrets', 'remove', 'A_KEY', '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('[corrupt]');
    expect(run.err).not.toContain(KEY);
  });
});

describe('stdin helpers', () => {
  it('valueFromStdin drops exactly one trailing line break', () => {
    expect(valueFromStdin(`${KEY}\n`)).toBe(KEY);
    expect(valueFromStdin(`${KEY}\r\n`)).toBe(KEY);
    expect(valueFromStdin(`${KEY}\n\n`)).toBe(`${KEY}\n`);
    expect(valueFromStdin(KEY)).toBe(KEY);
  });

  it('readStream joins chunks as UTF-8 and stops past the limit', async () => {
    const accent = Buffer.from('é');
    const chunks = [Buffer.from('sk-'), accent.subarray(0, 1), accent.subarray(1), 'ü\n'];
    expect(await readStream(Readable.from(chunks))).toBe('sk-éü\n');
    await expect(
      readStream(Readable.from([Buffer.alloc(10), Buffer.alloc(10)]), 15),
    ).rejects.toThrow(/more than 15 bytes/);
  });
});
