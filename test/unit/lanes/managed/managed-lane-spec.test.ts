import { describe, expect, it } from 'vitest';
import {
  ManagedLaneSpecError,
  defaultManagedLaneSpec,
  managedLaneBaseUrl,
  parseManagedLaneSpec,
} from '../../../../src-main/core/lanes/managed/managed-lane-spec';
import { vllmServerArgs } from '../../../../src-main/core/lanes/managed/vllm-args';
import {
  LABEL_SPEC_HASH,
  containerCreateOptions,
  specHash,
} from '../../../../src-main/core/lanes/managed/container-config';

const ALIASES = ['qwen/qwen3.5-rocm', 'google/gemini-2.5-flash-lite'];

describe('the reference managed lane spec', () => {
  const spec = defaultManagedLaneSpec(ALIASES, { env: {}, home: '/home/ada' });

  it('holds the reference AMD deployment', () => {
    expect(spec).toMatchObject({
      image: 'vllm/vllm-openai-rocm:v0.17.0',
      network: 'vllm-sr-network',
      restartPolicy: 'unless-stopped',
      hostPort: 8090,
      containerPort: 8000,
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
      model: 'Qwen/Qwen3.5-122B-A10B-FP8',
      servedModelNames: ALIASES,
    });
    expect(spec.devices.map((device) => device.containerPath)).toEqual(['/dev/kfd', '/dev/dri']);
    expect(spec.volumes[0]).toEqual({
      hostPath: '/home/ada/.cache/huggingface',
      containerPath: '/root/.cache/huggingface',
      readOnly: false,
    });
    expect(parseManagedLaneSpec(spec)).toEqual(spec);
  });

  it('takes the host port from VLLM_PORT and ignores a value that is not a port', () => {
    expect(defaultManagedLaneSpec(ALIASES, { env: { VLLM_PORT: '9001' } }).hostPort).toBe(9001);
    expect(defaultManagedLaneSpec(ALIASES, { env: { VLLM_PORT: 'http' } }).hostPort).toBe(8090);
    expect(defaultManagedLaneSpec(ALIASES, { env: { VLLM_PORT: '70000' } }).hostPort).toBe(8090);
  });

  it('turns into the reference server arguments, one array element each', () => {
    expect(vllmServerArgs(spec)).toEqual([
      '--model',
      'Qwen/Qwen3.5-122B-A10B-FP8',
      '--enable-auto-tool-choice',
      '--tool-call-parser',
      'qwen3_coder',
      '--served-model-name',
      ...ALIASES,
      '--trust-remote-code',
      '--reasoning-parser',
      'qwen3',
      '--max-model-len',
      '262144',
      '--language-model-only',
      '--max-num-seqs',
      '128',
      '--kv-cache-dtype',
      'fp8',
      '--gpu-memory-utilization',
      '0.85',
      '--host',
      '0.0.0.0',
      '--port',
      '8000',
    ]);
  });

  it('keeps text a person typed as one argument, never a command line', () => {
    const args = vllmServerArgs({ ...spec, model: 'x; rm -rf /', extraArgs: ['--foo bar'] });
    expect(args).toContain('x; rm -rf /');
    expect(args.at(-1)).toBe('--foo bar');
  });

  it('publishes the port on loopback only, on the reference network', () => {
    const options = containerCreateOptions(spec);
    expect(options.HostConfig?.NetworkMode).toBe('vllm-sr-network');
    expect(options.HostConfig?.PortBindings).toEqual({
      '8000/tcp': [{ HostIp: '127.0.0.1', HostPort: '8090' }],
    });
    expect(managedLaneBaseUrl(spec)).toBe('http://127.0.0.1:8090');
    const host = containerCreateOptions({ ...spec, network: 'host' });
    expect(host.HostConfig?.PortBindings).toBeUndefined();
    expect(managedLaneBaseUrl({ ...spec, network: 'host' })).toBe('http://127.0.0.1:8000');
  });

  it('labels the container with a hash that changes with the container, not the wait', () => {
    const hash = specHash(spec);
    expect(containerCreateOptions(spec).Labels?.[LABEL_SPEC_HASH]).toBe(hash);
    expect(specHash({ ...spec, startupTimeoutSeconds: 5 })).toBe(hash);
    expect(specHash({ ...spec, maxNumSeqs: 64 })).not.toBe(hash);
  });

  it('names every wrong field of an edited spec', () => {
    let error: unknown;
    try {
      parseManagedLaneSpec({ ...spec, hostPort: 0, gpuMemoryUtilization: 1.5, surprise: true });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ManagedLaneSpecError);
    const problems = (error as ManagedLaneSpecError).problems.join('\n');
    expect(problems).toMatch(/hostPort/);
    expect(problems).toMatch(/gpuMemoryUtilization/);
    expect(problems).toMatch(/surprise/);
  });
});
