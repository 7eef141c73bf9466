import type Docker from 'dockerode';
import { defaultManagedLaneSpec } from '../../src-main/core/lanes/managed/managed-lane-spec';
import type { ManagedLaneSpec } from '../../src-main/core/lanes/managed/managed-lane-spec';
import { fakeGpuDevices, importStandInImage } from './docker-engine';
import { closedPort } from './fake-lan-servers';

/**
 * The reference managed lane as it can run on the test engine: the stand-in
 * server's image (imported when missing), stand-in GPU device nodes made in
 * `workDir`, host networking on a free loopback port, and `--persist` (a
 * container has no stdin, and the stand-in stops when its stdin closes).
 */
export async function standInManagedSpec(
  docker: Docker,
  workDir: string,
  lane: { aliases: string[]; name: string; containerName: string },
): Promise<ManagedLaneSpec> {
  const image = await importStandInImage(docker, workDir);
  const devices = await fakeGpuDevices(workDir);
  return {
    ...defaultManagedLaneSpec(lane.aliases, { env: {}, home: workDir }),
    name: lane.name,
    containerName: lane.containerName,
    image,
    network: 'host',
    listenHost: '127.0.0.1',
    containerPort: await closedPort(),
    devices: [
      { hostPath: devices.kfd, containerPath: '/dev/kfd' },
      { hostPath: devices.dri, containerPath: '/dev/dri' },
    ],
    extraArgs: ['--persist'],
    startupTimeoutSeconds: 30,
  };
}
