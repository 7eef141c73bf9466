import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { managedLaneSpecSchema } from './managed/managed-lane-spec';
import type { ManagedLaneSpec } from './managed/managed-lane-spec';

// The lanes a person adds on this machine, beside the policy: managed
// containers (their editable specs) and LAN endpoints (a URL and which alias
// maps to which of its models). Kept in `lanes.json` in the data folder.
// Keys are never stored here: an endpoint names a secret in the SecretStore.

export const LANES_FILE = 'lanes.json';

const laneName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,62}$/, 'use lower-case letters, digits, . _ -');

export const lanEndpointSchema = z.strictObject({
  name: laneName,
  baseUrl: z.string().url(),
  kind: z.enum(['vllm', 'llama.cpp', 'ollama', 'lmstudio', 'openai-compatible']),
  /** alias → the server's model id. */
  aliases: z.record(z.string().min(1), z.string().min(1)),
  /** Name of the secret holding the endpoint's API key, when it needs one. */
  apiKeySecret: z.string().min(1).optional(),
  /** Overrides the locality read from the URL (e.g. a VPN address that is really `lan`). */
  locality: z.enum(['local', 'lan', 'cloud']).optional(),
});

export type LanEndpoint = z.infer<typeof lanEndpointSchema>;

const fileSchema = z.strictObject({
  version: z.literal(1),
  managed: z.array(managedLaneSpecSchema).default([]),
  lan: z.array(lanEndpointSchema).default([]),
});

export interface StoredLanes {
  managed: ManagedLaneSpec[];
  lan: LanEndpoint[];
}

export class LaneStoreError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file} cannot be used; it was left as it is:\n  ${problems.join('\n  ')}`);
    this.name = 'LaneStoreError';
  }
}

export class LaneStore {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, LANES_FILE);
  }

  load(): StoredLanes {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { managed: [], lan: [] };
      throw new LaneStoreError(this.file, [(error as Error).message]);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new LaneStoreError(this.file, [`not JSON: ${(error as Error).message}`]);
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) {
      throw new LaneStoreError(
        this.file,
        parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`),
      );
    }
    const names = [...parsed.data.managed, ...parsed.data.lan].map((lane) => lane.name);
    const twice = names.filter((name, index) => names.indexOf(name) !== index);
    if (twice.length > 0) {
      throw new LaneStoreError(this.file, [
        `lane names used twice: ${[...new Set(twice)].join(', ')}`,
      ]);
    }
    return { managed: parsed.data.managed, lan: parsed.data.lan };
  }

  /** Writes atomically: a reader sees the old file or the new one, never half of one. */
  save(lanes: StoredLanes): void {
    const dir = join(this.file, '..');
    mkdirSync(dir, { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ version: 1, ...lanes }, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.file);
  }

  /** Adds or replaces one lane; a name may belong to one kind of lane only. */
  putManaged(spec: ManagedLaneSpec): void {
    const lanes = this.load();
    this.assertNameFree(lanes, spec.name, 'managed');
    lanes.managed = [...lanes.managed.filter((entry) => entry.name !== spec.name), spec];
    this.save(lanes);
  }

  putLan(endpoint: LanEndpoint): void {
    const lanes = this.load();
    this.assertNameFree(lanes, endpoint.name, 'lan');
    lanes.lan = [...lanes.lan.filter((entry) => entry.name !== endpoint.name), endpoint];
    this.save(lanes);
  }

  /** Forgets a lane of either kind; false when there was none of that name. */
  remove(name: string): boolean {
    const lanes = this.load();
    const next = {
      managed: lanes.managed.filter((entry) => entry.name !== name),
      lan: lanes.lan.filter((entry) => entry.name !== name),
    };
    if (next.managed.length + next.lan.length === lanes.managed.length + lanes.lan.length)
      return false;
    this.save(next);
    return true;
  }

  private assertNameFree(lanes: StoredLanes, name: string, kind: 'managed' | 'lan'): void {
    const other = kind === 'managed' ? lanes.lan : lanes.managed;
    if (other.some((entry) => entry.name === name)) {
      throw new LaneStoreError(this.file, [
        `a ${kind === 'managed' ? 'LAN endpoint' : 'managed lane'} is already called "${name}"`,
      ]);
    }
  }
}
