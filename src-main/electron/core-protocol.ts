import { z } from 'zod';
import { ERROR_CODES, isEventName } from '../contract';
import type { EventEnvelope, Result } from '../contract';

// The messages main and the core process exchange over the utility process's
// port. Both sides parse what they receive with these schemas: a message of
// the wrong shape is logged and dropped, never acted on.

/** A native module the core could not load, with what to do about it. */
export const NativeProblemSchema = z.object({
  module: z.string(),
  /** What the module does for Homelane, for the person reading the message. */
  impact: z.string(),
  error: z.string(),
  fix: z.string(),
});
export type NativeProblem = z.infer<typeof NativeProblemSchema>;

export const SecretOpSchema = z.enum(['get', 'set', 'delete', 'list']);
export type SecretOp = z.infer<typeof SecretOpSchema>;

const id = z.number().int().positive();

const ErrorDataSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.unknown().optional(),
});

const ResultSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorDataSchema }),
]);

const EnvelopeSchema = z.object({
  name: z.string().refine(isEventName, 'not an event of the contract'),
  payload: z.unknown(),
});

/** A secret store's answer, or its error (code and message, never a value). */
const SecretOutcomeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({
    ok: z.literal(false),
    code: z.string(),
    message: z.string(),
    path: z.string().optional(),
  }),
]);
export type SecretOutcome = z.infer<typeof SecretOutcomeSchema>;

/** What main sends the core. */
export const MainToCoreSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('start'),
    dataDir: z.string().min(1),
    secrets: z.object({ kind: z.string(), writable: z.boolean() }),
  }),
  z.object({ kind: z.literal('call'), id, method: z.string(), input: z.unknown() }),
  z.object({ kind: z.literal('secret-result'), id, outcome: SecretOutcomeSchema }),
  z.object({ kind: z.literal('stop') }),
]);

/** What the core sends main. */
export const CoreToMainSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), nativeProblems: z.array(NativeProblemSchema) }),
  z.object({
    kind: z.literal('start-failed'),
    message: z.string(),
    nativeProblems: z.array(NativeProblemSchema),
  }),
  z.object({ kind: z.literal('result'), id, result: ResultSchema }),
  z.object({ kind: z.literal('event'), envelope: EnvelopeSchema }),
  z.object({
    kind: z.literal('secret'),
    id,
    op: SecretOpSchema,
    name: z.string().optional(),
    value: z.string().optional(),
  }),
  z.object({ kind: z.literal('stopped') }),
]);

export type MainToCore =
  | { kind: 'start'; dataDir: string; secrets: { kind: string; writable: boolean } }
  | { kind: 'call'; id: number; method: string; input: unknown }
  | { kind: 'secret-result'; id: number; outcome: SecretOutcome }
  | { kind: 'stop' };

export type CoreToMain =
  | { kind: 'ready'; nativeProblems: NativeProblem[] }
  | { kind: 'start-failed'; message: string; nativeProblems: NativeProblem[] }
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; envelope: EventEnvelope }
  | { kind: 'secret'; id: number; op: SecretOp; name?: string; value?: string }
  | { kind: 'stopped' };
