import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

// The managed local lane: one ROCm vLLM container, run the way the
// reference AMD deployment runs it. Every flag of that deployment is a field
// here, so a person can change any of them; `defaultManagedLaneSpec` fills
// them with the reference values and the profile's aliases.

export const REFERENCE_IMAGE = 'vllm/vllm-openai-rocm:v0.17.0';
export const REFERENCE_MODEL = 'Qwen/Qwen3.5-122B-A10B-FP8';
export const REFERENCE_NETWORK = 'vllm-sr-network';
/** Upstream recipes reach the container as `vllm:8000` on that network. */
export const REFERENCE_CONTAINER_NAME = 'vllm';
export const DEFAULT_HOST_PORT = 8090;

const nonEmpty = z.string().trim().min(1);
const port = z.number().int().min(1).max(65535);

const deviceSchema = z.strictObject({
  hostPath: nonEmpty,
  containerPath: nonEmpty,
});

const volumeSchema = z.strictObject({
  hostPath: nonEmpty,
  containerPath: nonEmpty,
  readOnly: z.boolean().default(false),
});

export const managedLaneSpecSchema = z.strictObject({
  /** How people and the CLI name the lane. */
  name: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,62}$/, 'use lower-case letters, digits, . _ -'),
  image: nonEmpty,
  containerName: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'not a container name'),
  /** A Docker network name, or `host` for host networking. */
  network: nonEmpty,
  restartPolicy: z.enum(['no', 'always', 'unless-stopped', 'on-failure']),
  /** Where the published port listens on this machine (bridge networks only). */
  bindAddress: nonEmpty,
  hostPort: port,
  containerPort: port,
  /** The address the server listens on inside the container. */
  listenHost: nonEmpty,
  devices: z.array(deviceSchema),
  groupAdd: z.array(nonEmpty),
  ipcHost: z.boolean(),
  capAdd: z.array(nonEmpty),
  securityOpt: z.array(nonEmpty),
  /** Bytes of /dev/shm. */
  shmSizeBytes: z.number().int().positive(),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'not an env var name'), z.string()),
  volumes: z.array(volumeSchema),
  model: nonEmpty,
  /** Every alias of the profile, so requests for any of them reach this server. */
  servedModelNames: z.array(nonEmpty).min(1),
  enableAutoToolChoice: z.boolean(),
  toolCallParser: z.string(),
  reasoningParser: z.string(),
  trustRemoteCode: z.boolean(),
  maxModelLen: z.number().int().positive(),
  languageModelOnly: z.boolean(),
  maxNumSeqs: z.number().int().positive(),
  kvCacheDtype: z.string(),
  gpuMemoryUtilization: z.number().gt(0).max(1),
  /** More server flags, passed as they are (one argument each). */
  extraArgs: z.array(z.string()),
  /** Longest wait for `/health` after start; loading a large model takes minutes. */
  startupTimeoutSeconds: z.number().int().positive(),
});

export type ManagedLaneSpec = z.infer<typeof managedLaneSpecSchema>;

export interface SpecDefaultsEnv {
  env?: Record<string, string | undefined>;
  home?: string;
}

/** The reference deployment, serving `aliases`, with `VLLM_PORT` honoured. */
export function defaultManagedLaneSpec(
  aliases: readonly string[],
  { env = process.env, home = homedir() }: SpecDefaultsEnv = {},
): ManagedLaneSpec {
  const fromEnv = Number(env['VLLM_PORT']);
  const hostPort =
    Number.isInteger(fromEnv) && fromEnv >= 1 && fromEnv <= 65535 ? fromEnv : DEFAULT_HOST_PORT;
  return {
    name: REFERENCE_CONTAINER_NAME,
    image: REFERENCE_IMAGE,
    containerName: REFERENCE_CONTAINER_NAME,
    network: REFERENCE_NETWORK,
    restartPolicy: 'unless-stopped',
    // The reference publishes on every interface; a local lane stays on this machine.
    bindAddress: '127.0.0.1',
    hostPort,
    containerPort: 8000,
    listenHost: '0.0.0.0',
    devices: [
      { hostPath: '/dev/kfd', containerPath: '/dev/kfd' },
      { hostPath: '/dev/dri', containerPath: '/dev/dri' },
    ],
    groupAdd: ['video'],
    ipcHost: true,
    capAdd: ['SYS_PTRACE'],
    securityOpt: ['seccomp=unconfined'],
    shmSizeBytes: 32 * 1024 ** 3,
    env: {
      VLLM_ROCM_USE_AITER: '1',
      VLLM_USE_AITER_UNIFIED_ATTENTION: '1',
      VLLM_ROCM_USE_AITER_MHA: '0',
    },
    volumes: [
      {
        hostPath: join(home, '.cache', 'huggingface'),
        containerPath: '/root/.cache/huggingface',
        readOnly: false,
      },
    ],
    model: REFERENCE_MODEL,
    servedModelNames: aliases.length > 0 ? [...aliases] : [REFERENCE_MODEL],
    enableAutoToolChoice: true,
    toolCallParser: 'qwen3_coder',
    reasoningParser: 'qwen3',
    trustRemoteCode: true,
    maxModelLen: 262144,
    languageModelOnly: true,
    maxNumSeqs: 128,
    kvCacheDtype: 'fp8',
    gpuMemoryUtilization: 0.85,
    extraArgs: [],
    startupTimeoutSeconds: 1800,
  };
}

export class ManagedLaneSpecError extends Error {
  constructor(readonly problems: string[]) {
    super(`The managed lane spec is not valid:\n  ${problems.join('\n  ')}`);
    this.name = 'ManagedLaneSpecError';
  }
}

/** Validates a stored or edited spec; problems name the field that is wrong. */
export function parseManagedLaneSpec(value: unknown): ManagedLaneSpec {
  const parsed = managedLaneSpecSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ManagedLaneSpecError(
    parsed.error.issues.map((issue) => `${issue.path.join('.') || '(spec)'}: ${issue.message}`),
  );
}

/** The port on this machine that reaches the server. */
export function reachablePort(spec: ManagedLaneSpec): number {
  return spec.network === 'host' ? spec.containerPort : spec.hostPort;
}

/** Where Homelane sends requests for this lane. */
export function managedLaneBaseUrl(spec: ManagedLaneSpec): string {
  const host =
    spec.network === 'host' || spec.bindAddress === '0.0.0.0' ? '127.0.0.1' : spec.bindAddress;
  const shown = host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${reachablePort(spec)}`;
}
