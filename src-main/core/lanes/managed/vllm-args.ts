import type { ManagedLaneSpec } from './managed-lane-spec';

/**
 * The vLLM server's arguments for a spec, one array element per argument.
 * They go to the Docker API as an array, never through a shell, so nothing
 * a person typed is ever parsed as a command line.
 */
export function vllmServerArgs(spec: ManagedLaneSpec): string[] {
  const args = ['--model', spec.model];
  if (spec.enableAutoToolChoice) args.push('--enable-auto-tool-choice');
  if (spec.toolCallParser !== '') args.push('--tool-call-parser', spec.toolCallParser);
  args.push('--served-model-name', ...spec.servedModelNames);
  if (spec.trustRemoteCode) args.push('--trust-remote-code');
  if (spec.reasoningParser !== '') args.push('--reasoning-parser', spec.reasoningParser);
  args.push('--max-model-len', String(spec.maxModelLen));
  if (spec.languageModelOnly) args.push('--language-model-only');
  args.push('--max-num-seqs', String(spec.maxNumSeqs));
  if (spec.kvCacheDtype !== '') args.push('--kv-cache-dtype', spec.kvCacheDtype);
  args.push('--gpu-memory-utilization', String(spec.gpuMemoryUtilization));
  args.push('--host', spec.listenHost, '--port', String(spec.containerPort));
  args.push(...spec.extraArgs);
  return args;
}
