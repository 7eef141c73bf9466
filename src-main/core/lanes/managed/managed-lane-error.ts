/** Stable codes for what can go wrong with the managed lane; messages say what to do. */
export type ManagedLaneErrorCode =
  | 'no_docker'
  | 'docker_permission'
  | 'docker_error'
  | 'device_missing'
  | 'port_in_use'
  | 'image_missing'
  | 'name_taken'
  | 'not_created'
  | 'exited'
  | 'startup_timeout'
  | 'aborted';

export class ManagedLaneError extends Error {
  constructor(
    readonly code: ManagedLaneErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ManagedLaneError';
  }
}

interface EngineFailure {
  statusCode?: number;
  code?: string;
  json?: { message?: string } | null;
  reason?: string;
  message?: string;
}

/** The engine's own words for a failed API call, without dockerode's prefixes. */
export function engineMessage(error: unknown): string {
  const failure = (error ?? {}) as EngineFailure;
  const fromJson = failure.json?.message;
  if (typeof fromJson === 'string' && fromJson !== '') return fromJson;
  if (typeof failure.message === 'string') {
    return failure.message.replace(/^\(HTTP code \d+\)\s*[^-]*-\s*/, '').trim();
  }
  return String(error);
}

export function engineStatus(error: unknown): number | undefined {
  const status = (error as EngineFailure | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Socket-level failures reaching the engine, as ManagedLaneErrors; others unchanged. */
export function connectionError(error: unknown, where: string): unknown {
  const code = (error as EngineFailure | null)?.code;
  if (code === 'ENOENT' || code === 'ECONNREFUSED') {
    return new ManagedLaneError(
      'no_docker',
      `No Docker engine answers at ${where}. Install Docker and start it, or set DOCKER_HOST to the engine's socket.`,
      { cause: error },
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new ManagedLaneError(
      'docker_permission',
      `Permission denied on the Docker socket ${where}. Add your user to the "docker" group (then log in again), or point DOCKER_HOST at a socket you may use.`,
      { cause: error },
    );
  }
  return error;
}
