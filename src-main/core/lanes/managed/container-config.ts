import { createHash } from 'node:crypto';
import type { ContainerCreateOptions } from 'dockerode';
import type { ManagedLaneSpec } from './managed-lane-spec';
import { vllmServerArgs } from './vllm-args';

// A spec as the Docker Engine API's container-create body. The labels mark
// the container as Homelane's and record which spec made it, so `up` can
// tell whether an existing container is still what the spec says.

export const LABEL_MANAGED = 'dev.homelane.managed';
export const LABEL_LANE = 'dev.homelane.lane';
export const LABEL_SPEC_HASH = 'dev.homelane.spec-hash';

/** Changes to these fields do not need a new container. */
const RUNTIME_ONLY: ReadonlySet<keyof ManagedLaneSpec> = new Set(['startupTimeoutSeconds']);

export function specHash(spec: ManagedLaneSpec): string {
  const relevant = Object.fromEntries(
    Object.entries(spec)
      .filter(([key]) => !RUNTIME_ONLY.has(key as keyof ManagedLaneSpec))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return createHash('sha256').update(JSON.stringify(relevant)).digest('hex').slice(0, 16);
}

export function containerCreateOptions(spec: ManagedLaneSpec): ContainerCreateOptions {
  const hostNetwork = spec.network === 'host';
  const exposed = `${spec.containerPort}/tcp`;
  return {
    name: spec.containerName,
    Image: spec.image,
    Cmd: vllmServerArgs(spec),
    Env: Object.entries(spec.env).map(([key, value]) => `${key}=${value}`),
    Labels: {
      [LABEL_MANAGED]: 'true',
      [LABEL_LANE]: spec.name,
      [LABEL_SPEC_HASH]: specHash(spec),
    },
    ...(hostNetwork ? {} : { ExposedPorts: { [exposed]: {} } }),
    HostConfig: {
      NetworkMode: spec.network,
      RestartPolicy: { Name: spec.restartPolicy },
      ...(hostNetwork
        ? {}
        : {
            PortBindings: {
              [exposed]: [{ HostIp: spec.bindAddress, HostPort: String(spec.hostPort) }],
            },
          }),
      Devices: spec.devices.map((device) => ({
        PathOnHost: device.hostPath,
        PathInContainer: device.containerPath,
        CgroupPermissions: 'rwm',
      })),
      GroupAdd: spec.groupAdd,
      ...(spec.ipcHost ? { IpcMode: 'host' } : {}),
      CapAdd: spec.capAdd,
      SecurityOpt: spec.securityOpt,
      ShmSize: spec.shmSizeBytes,
      // Mounts, not Binds: no `src:dst:mode` string for a path with a colon to break.
      Mounts: spec.volumes.map((volume) => ({
        Type: 'bind' as const,
        Source: volume.hostPath,
        Target: volume.containerPath,
        ReadOnly: volume.readOnly,
      })),
    },
  };
}
