import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerEndpoint } from '../../../src-main/core/lanes/managed/docker-connection';
import { dockerEngine } from '../../../src-main/core/services/docker-engine-service';
import { findTestDockerEngine } from '../../support/docker-engine';
import { makeTempDir } from '../../support/temp-dir';

// lanes.managed.engine: whether a Docker engine answers, said plainly when
// none does (the managed lane is then not offered).

const engine = await findTestDockerEngine();

describe('the Docker engine check', () => {
  it.skipIf(!engine.ok)(
    `finds a running engine and its version (${engine.ok ? engine.host : engine.reason})`,
    async () => {
      if (!engine.ok) return;
      const found = await dockerEngine(dockerEndpoint({ DOCKER_HOST: engine.host }));
      expect(found.available).toBe(true);
      expect(found.problem).toBeNull();
      expect(found.version).toMatch(/^\d+\./);
    },
  );

  it('says no engine answers at a socket nobody listens on, and what to do', async () => {
    const temp = makeTempDir('homelane-docker-');
    try {
      const socket = join(temp.dir, 'docker.sock');
      const engine = await dockerEngine(dockerEndpoint({ DOCKER_HOST: `unix://${socket}` }));
      expect(engine).toMatchObject({ available: false, where: socket, version: null });
      expect(engine.problem?.code).toBe('no_docker');
      expect(engine.problem?.message).toContain('DOCKER_HOST');
    } finally {
      temp.cleanup();
    }
  });
});
