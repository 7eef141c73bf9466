import Docker from 'dockerode';
import { connectionError } from './managed-lane-error';

// Where the Docker engine is: DOCKER_HOST (unix:// or tcp://), else the
// platform's usual socket. Only a local socket lets Homelane check the host's
// devices and ports itself; a remote engine checks them when it starts.

export interface DockerEndpoint {
  docker: Docker;
  /** Shown in messages. */
  where: string;
  /** Whether the engine runs on this machine (device and port checks apply). */
  local: boolean;
}

export function dockerEndpoint(
  env: Record<string, string | undefined> = process.env,
): DockerEndpoint {
  const host = env['DOCKER_HOST']?.trim();
  if (host && host !== '') {
    if (host.startsWith('unix://')) {
      const socketPath = host.slice('unix://'.length);
      return { docker: new Docker({ socketPath }), where: socketPath, local: true };
    }
    const url = new URL(host.replace(/^tcp:\/\//, 'http://'));
    const docker = new Docker({
      host: url.hostname,
      port: url.port === '' ? 2375 : Number(url.port),
      protocol: url.protocol === 'https:' ? 'https' : 'http',
    });
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return { docker, where: host, local };
  }
  const socketPath =
    process.platform === 'win32' ? '//./pipe/docker_engine' : '/var/run/docker.sock';
  return { docker: new Docker({ socketPath }), where: socketPath, local: true };
}

/** Resolves when the engine answers; a clear ManagedLaneError when it cannot be reached. */
export async function pingEngine(endpoint: DockerEndpoint): Promise<void> {
  try {
    await endpoint.docker.ping();
  } catch (error) {
    throw connectionError(error, endpoint.where);
  }
}
