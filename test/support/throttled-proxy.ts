import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

// An HTTP proxy for tests that passes everything to `target` and sends
// response bodies on at a set pace — a slow network, so that a download's
// progress can be watched moving in a browser.

export interface ThrottledProxy {
  url: string;
  close(): Promise<void>;
}

export async function startThrottledProxy(
  target: string,
  { bytesPerTick = 32 * 1024, tickMs = 40 }: { bytesPerTick?: number; tickMs?: number } = {},
): Promise<ThrottledProxy> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        const pending: Buffer[] = [];
        let ended = false;
        const timer = setInterval(() => {
          let budget = bytesPerTick;
          while (budget > 0 && pending.length > 0) {
            const chunk = pending[0] as Buffer;
            const part = chunk.subarray(0, budget);
            res.write(part);
            budget -= part.length;
            if (part.length === chunk.length) pending.shift();
            else pending[0] = chunk.subarray(part.length);
          }
          if (ended && pending.length === 0) {
            clearInterval(timer);
            res.end();
          }
        }, tickMs);
        answer.on('data', (chunk: Buffer) => pending.push(chunk));
        answer.on('end', () => (ended = true));
        res.on('close', () => {
          clearInterval(timer);
          answer.destroy();
        });
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((done) => server.close(() => done()));
    },
  };
}
