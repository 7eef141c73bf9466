import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendWire } from '../../../src-main/core/lanes/http-transport';

// The lane transport keeps connections alive between requests — also when a
// reader stops just before the end of a stream — and drops a connection
// whose answer will not end, or whose request is aborted.

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = undefined;
});

/** A server that answers with `parts` written 20 ms apart (never ending when `endless`). */
async function start(
  parts: string[],
  endless = false,
): Promise<{ url: string; connections(): number }> {
  let connections = 0;
  server = createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    let index = 0;
    const next = () => {
      if (index < parts.length) {
        response.write(parts[index++]);
        setTimeout(next, 20);
      } else if (!endless) response.end();
    };
    next();
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1/chat`, connections: () => connections };
}

async function readAll(url: string): Promise<string> {
  const response = await sendWire(
    { method: 'POST', url, headers: {}, body: '{}' },
    new AbortController().signal,
  );
  const reader = response.chunks();
  let text = '';
  for (let step = await reader.next(); !step.done; step = await reader.next()) {
    text += Buffer.from(step.value).toString();
  }
  return text;
}

describe('the lane transport', () => {
  it('reuses one connection for requests one after another', async () => {
    const served = await start(['data: a\n\n', 'data: b\n\n']);
    for (let i = 0; i < 4; i++) expect(await readAll(served.url)).toBe('data: a\n\ndata: b\n\n');
    expect(served.connections()).toBe(1);
  });

  it('drains a stream its reader stopped just before the end, and keeps the connection', async () => {
    const served = await start(['data: a\n\n', '\n']);
    for (let i = 0; i < 3; i++) {
      const response = await sendWire(
        { method: 'GET', url: served.url, headers: {} },
        new AbortController().signal,
      );
      await response.chunks().next();
      response.cancel();
      await new Promise((resolve) => setTimeout(resolve, 80));
    }
    expect(served.connections()).toBe(1);
  });

  it('drops a connection whose answer does not end, and one whose request is aborted', async () => {
    const endless = await start(['data: a\n\n'], true);
    const response = await sendWire(
      { method: 'GET', url: endless.url, headers: {} },
      new AbortController().signal,
    );
    await response.chunks().next();
    response.cancel();
    await new Promise((resolve) => setTimeout(resolve, 1300));
    await sendWire(
      { method: 'GET', url: endless.url, headers: {} },
      new AbortController().signal,
    ).then((next) => next.cancel());
    expect(endless.connections()).toBe(2);

    const controller = new AbortController();
    const aborted = await sendWire(
      { method: 'GET', url: endless.url, headers: {} },
      controller.signal,
    );
    const reading = aborted.chunks();
    await reading.next();
    controller.abort();
    await expect(reading.next()).rejects.toThrow();
  });

  it('fails before headers with the system error code, and on a protocol it does not speak', async () => {
    await expect(
      sendWire(
        { method: 'GET', url: 'http://127.0.0.1:9/', headers: {} },
        new AbortController().signal,
      ),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(
      sendWire(
        { method: 'GET', url: 'ftp://127.0.0.1/', headers: {} },
        new AbortController().signal,
      ),
    ).rejects.toThrow(/unsupported protocol/);
  });

  it('sends a request again when the kept-alive connection it reused is reset', async () => {
    let requests = 0;
    const sockets = new Set<Socket>();
    server = createServer((request, response) => {
      requests += 1;
      request.resume();
      // The second request, on the kept-alive connection, meets a reset.
      if (requests === 2) {
        request.socket.destroy();
        return;
      }
      response.end('ok');
    });
    server.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/v1/chat`;
    expect(await readAll(url)).toBe('ok');
    expect(await readAll(url)).toBe('ok');
    expect(requests).toBe(3);
    expect(sockets.size).toBe(2);
  });

  it('keeps every chunk, in order, for a reader slower than the body', async () => {
    const parts = Array.from({ length: 40 }, (_, index) => `data: ${index}\n\n`);
    server = createServer((request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const part of parts) response.write(part);
      response.end();
    });
    await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    const response = await sendWire(
      { method: 'GET', url: `http://127.0.0.1:${port}/`, headers: {} },
      new AbortController().signal,
    );
    const reader = response.chunks();
    let text = '';
    for (let step = await reader.next(); !step.done; step = await reader.next()) {
      text += Buffer.from(step.value).toString();
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(text).toBe(parts.join(''));
  });
});
