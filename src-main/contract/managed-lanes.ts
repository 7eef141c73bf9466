import { z } from 'zod';
import { LanesListSchema } from './lanes';

// The managed container from the UI: its state, start (progress arrives as
// `lanes.managed.progress` events), stop, its recent output, and the spec —
// every flag of the reference deployment — read and saved. The core checks
// an edited spec against its own rules; problems name the field.

const laneName = z.string().min(1).max(63);

/** A managed lane's spec as the UI edits it (the core's rules decide what is valid). */
export const ManagedLaneSpecViewSchema = z.object({
  name: z.string(),
  image: z.string(),
  containerName: z.string(),
  network: z.string(),
  restartPolicy: z.enum(['no', 'always', 'unless-stopped', 'on-failure']),
  bindAddress: z.string(),
  hostPort: z.number(),
  containerPort: z.number(),
  listenHost: z.string(),
  devices: z.array(z.object({ hostPath: z.string(), containerPath: z.string() })),
  groupAdd: z.array(z.string()),
  ipcHost: z.boolean(),
  capAdd: z.array(z.string()),
  securityOpt: z.array(z.string()),
  shmSizeBytes: z.number(),
  env: z.record(z.string(), z.string()),
  volumes: z.array(
    z.object({ hostPath: z.string(), containerPath: z.string(), readOnly: z.boolean() }),
  ),
  model: z.string(),
  servedModelNames: z.array(z.string()),
  enableAutoToolChoice: z.boolean(),
  toolCallParser: z.string(),
  reasoningParser: z.string(),
  trustRemoteCode: z.boolean(),
  maxModelLen: z.number(),
  languageModelOnly: z.boolean(),
  maxNumSeqs: z.number(),
  kvCacheDtype: z.string(),
  gpuMemoryUtilization: z.number(),
  extraArgs: z.array(z.string()),
  startupTimeoutSeconds: z.number(),
});

export const ContainerStateSchema = z.enum([
  /** Docker could not be asked: `problem` says why. */
  'unknown',
  'absent',
  'created',
  'running',
  'restarting',
  'paused',
  'exited',
  'dead',
  'removing',
]);

export const ManagedOperationSchema = z.enum(['up', 'down']);

export const ManagedLaneStatusViewSchema = z.object({
  name: z.string(),
  state: ContainerStateSchema,
  baseUrl: z.string(),
  image: z.string(),
  containerId: z.string().nullable(),
  /** False when the container was made from an older spec (`up` re-makes it). */
  upToDate: z.boolean().nullable(),
  startedAt: z.string().nullable(),
  exitCode: z.number().nullable(),
  /** What Homelane is doing with the container now, if anything. */
  operation: ManagedOperationSchema.nullable(),
  /** Why the state is `unknown`: a stable code (no_docker, docker_permission…) and what to do. */
  problem: z.object({ code: z.string(), message: z.string() }).nullable(),
});

const NameInput = z.object({ name: laneName }).strict();

export const ManagedStatusInputSchema = NameInput;
export const ManagedStatusSchema = ManagedLaneStatusViewSchema;

export const ManagedUpInputSchema = NameInput;
export const ManagedUpSchema = z.object({
  name: z.string(),
  /** False when the lane was already being started (the running start goes on). */
  started: z.boolean(),
});

export const ManagedDownInputSchema = z
  .object({
    name: laneName,
    /** Also remove the container (the image and the spec stay). */
    remove: z.boolean().optional(),
  })
  .strict();
export const ManagedDownSchema = ManagedLaneStatusViewSchema;

export const ManagedLogsInputSchema = z
  .object({ name: laneName, tail: z.number().int().min(1).max(5000).default(200) })
  .strict();
export const ManagedLogLineSchema = z.object({
  stream: z.enum(['stdout', 'stderr']),
  line: z.string(),
});
export const ManagedLogsSchema = z.object({
  name: z.string(),
  lines: z.array(ManagedLogLineSchema),
});

export const ManagedSpecGetInputSchema = NameInput;
export const ManagedSpecGetSchema = z.object({
  spec: ManagedLaneSpecViewSchema,
  /** False for a new lane: the reference deployment serving the profile's aliases, not saved yet. */
  saved: z.boolean(),
});

export const ManagedSpecSetInputSchema = z
  .object({ spec: z.record(z.string(), z.unknown()) })
  .strict();
export const ManagedSpecSetSchema = z.object({
  spec: ManagedLaneSpecViewSchema,
  lanes: LanesListSchema,
});

export const ManagedStepSchema = z.enum([
  'preflight',
  'network',
  'pull',
  'create',
  'start',
  'health',
  'ready',
  'failed',
]);

/** Pushed while a managed lane starts: each step, pull progress, then `ready` or `failed`. */
export const ManagedProgressSchema = z.object({
  name: z.string(),
  step: ManagedStepSchema,
  message: z.string(),
  pull: z
    .object({
      layers: z.number(),
      layersDone: z.number(),
      downloadedBytes: z.number(),
      totalBytes: z.number(),
    })
    .nullable(),
  /** Time spent waiting for the server's /health, for the `health` step. */
  elapsedMs: z.number().nullable(),
  /** For `failed`: a stable code (no_docker, image_missing, port_in_use…) and what to do. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  at: z.number(),
});

export type ManagedLaneSpecView = z.infer<typeof ManagedLaneSpecViewSchema>;
export type ManagedLaneStatusView = z.infer<typeof ManagedLaneStatusViewSchema>;
export type ManagedLogs = z.infer<typeof ManagedLogsSchema>;
export type ManagedProgress = z.infer<typeof ManagedProgressSchema>;
export type ManagedStep = z.infer<typeof ManagedStepSchema>;
