import type { DockerEngine } from '../../contract';
import type { DockerEndpoint } from '../lanes/managed/docker-connection';
import { dockerEndpoint, pingEngine } from '../lanes/managed/docker-connection';
import { ManagedLaneError } from '../lanes/managed/managed-lane-error';

// `lanes.managed.engine`: one ping of the Docker engine (DOCKER_HOST or the
// usual socket) and its version; nothing is saved or started.

const PING_TIMEOUT_MS = 3000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export async function dockerEngine(
  endpoint: DockerEndpoint = dockerEndpoint(),
): Promise<DockerEngine> {
  try {
    await withTimeout(pingEngine(endpoint), PING_TIMEOUT_MS);
    const info = await withTimeout(endpoint.docker.version(), PING_TIMEOUT_MS);
    return { available: true, where: endpoint.where, version: info.Version ?? null, problem: null };
  } catch (error) {
    const problem =
      error instanceof ManagedLaneError
        ? { code: error.code, message: error.message }
        : {
            code: 'docker_error',
            message: `The Docker engine at ${endpoint.where} did not answer: ${(error as Error).message}`,
          };
    return { available: false, where: endpoint.where, version: null, problem };
  }
}
