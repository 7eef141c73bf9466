// The serve bench's calibration arm: an HTTP pass-through proxy with nothing
// else in it — no routing, no privacy guard, no record, the upstream's bytes
// piped unparsed over kept-alive connections. Whatever it adds to the direct
// figures is what a second HTTP hop in Node costs on the machine, the floor
// under any router in front of the model server.
//   node bench/bare-proxy.mjs http://127.0.0.1:PORT
// Prints `bare-proxy listening on http://127.0.0.1:<port>`; exits when its
// stdin closes.
import { Agent, createServer, request } from 'node:http';

const target = new URL(process.argv[2] ?? '');
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

const server = createServer((req, res) => {
  const upstream = request(
    {
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: req.headers,
      agent,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => {
    if (res.headersSent) res.destroy(error);
    else res.writeHead(502, { 'content-type': 'text/plain' }).end(String(error));
  });
  req.pipe(upstream);
});
server.keepAliveTimeout = 30_000;

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`bare-proxy listening on http://127.0.0.1:${port}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
