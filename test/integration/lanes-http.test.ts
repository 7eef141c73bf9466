import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LaneHealthChangeSchema, LanesListSchema } from '../../src-main/contract';
import { createHttpClient } from '../../src-renderer/src/api/http-client';
import { readEventsUntil } from '../support/sse-events';
import { startStandInLlm } from '../support/stand-in-llm';
import type { StandInLlm } from '../support/stand-in-llm';
import { startTestServer } from '../support/test-server';
import type { RunningServer } from '../support/test-server';

// lanes.list / lanes.check through the HTTP transport, and lane health
// changes pushed as server-sent events on GET /api/events.

let llm: StandInLlm;
let server: RunningServer;

beforeAll(async () => {
  llm = await startStandInLlm();
  await llm.setBehaviour({ status: 503 });
  server = await startTestServer({
    withRenderer: false,
    prepare: (dataDir) =>
      writeFileSync(
        join(dataDir, 'lanes.json'),
        JSON.stringify({
          version: 1,
          lan: [
            {
              name: 'box',
              baseUrl: `${llm.url}/v1`,
              kind: 'vllm',
              aliases: { 'local/small': 'stand-in-small' },
            },
          ],
        }),
      ),
  });
});
afterAll(async () => {
  await server.close();
  await llm.stop();
});

describe('lanes over HTTP', () => {
  it('lists the saved LAN lane with its locality and health', async () => {
    const client = createHttpClient(server.url);
    const listed = await client.call('lanes.list', {});
    expect(listed.ok).toBe(true);
    if (!listed.ok) return;
    const data = LanesListSchema.parse(listed.data);
    expect(data.storeProblem).toBeNull();
    expect(data.endpoints.map((endpoint) => endpoint.name)).toEqual(['box']);
    expect(data.lanes).toEqual([
      expect.objectContaining({
        id: 'local/small@box',
        origin: 'lan',
        locality: 'local',
        upstreamModelId: 'stand-in-small',
      }),
    ]);
  });

  it('pushes a health change as a server-sent event when a check finds the lane recovered', async () => {
    const client = createHttpClient(server.url);
    const first = await client.call('lanes.check', {});
    expect(first.ok && first.data.lanes[0]?.health?.lastError?.code).toBe('http_error');
    const events = await readEventsUntil(
      server.url,
      (seen) => seen.some((event) => event.event === 'lanes.health'),
      async () => {
        await llm.setBehaviour({});
        await client.call('lanes.check', { laneId: 'local/small@box' });
      },
    );
    const change = LaneHealthChangeSchema.parse(
      JSON.parse(events.find((event) => event.event === 'lanes.health')?.data ?? '{}'),
    );
    expect(change).toMatchObject({ laneId: 'local/small@box', to: 'healthy' });
    expect(change.health.lastLatencyMs).toBeGreaterThanOrEqual(0);
  });

  it('answers not_found for a lane it does not watch', async () => {
    const client = createHttpClient(server.url);
    const result = await client.call('lanes.check', { laneId: 'nope' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
