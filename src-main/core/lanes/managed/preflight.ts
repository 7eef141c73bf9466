import { mkdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { ManagedLaneSpec } from './managed-lane-spec';
import { ManagedLaneError } from './managed-lane-error';

// Checks Homelane can make on this machine before it asks the engine to start
// the container, so that the person reads what to fix rather than the
// engine's error. Only meaningful when the engine is local.

/** Every device of the spec must exist on this machine. */
export async function checkDevices(spec: ManagedLaneSpec): Promise<void> {
  for (const device of spec.devices) {
    try {
      await stat(device.hostPath);
    } catch {
      const hint =
        device.containerPath === '/dev/kfd' || device.containerPath.startsWith('/dev/dri')
          ? " It is the AMD GPU driver (ROCm) interface: install the amdgpu driver with ROCm support, or edit the lane's devices if your GPU is exposed elsewhere."
          : '';
      throw new ManagedLaneError(
        'device_missing',
        `The device ${device.hostPath} (mapped to ${device.containerPath}) does not exist on this machine.${hint}`,
      );
    }
  }
}

/** Where the server will listen on this machine. */
export function listenAddress(spec: ManagedLaneSpec): { host: string; port: number } {
  return spec.network === 'host'
    ? { host: spec.listenHost, port: spec.containerPort }
    : { host: spec.bindAddress, port: spec.hostPort };
}

/** The server's port on this machine must be free. */
export async function checkPortFree(spec: ManagedLaneSpec): Promise<void> {
  const { host, port } = listenAddress(spec);
  const problem = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
  if (!problem) return;
  if (problem.code === 'EADDRINUSE') {
    throw new ManagedLaneError(
      'port_in_use',
      `Port ${port} on ${host} is already in use by another program. Stop it, or change the lane's ${spec.network === 'host' ? 'containerPort' : 'hostPort (or VLLM_PORT)'}.`,
    );
  }
  if (problem.code === 'EADDRNOTAVAIL') {
    throw new ManagedLaneError(
      'port_in_use',
      `The address ${host} is not an address of this machine, so port ${port} cannot be opened there. Change the lane's ${spec.network === 'host' ? 'listenHost' : 'bindAddress'}.`,
    );
  }
  throw new ManagedLaneError(
    'port_in_use',
    `Port ${port} on ${host} cannot be opened: ${problem.message}`,
  );
}

/** Bind-mount sources (the Hugging Face cache) are created when missing. */
export async function ensureVolumeSources(spec: ManagedLaneSpec): Promise<void> {
  for (const volume of spec.volumes) {
    await mkdir(volume.hostPath, { recursive: true });
  }
}
