import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for the Hugging Face hub, for tests only: node:http on
// 127.0.0.1 with a free port, speaking the two calls the downloader makes —
//   GET /api/models/<owner>/<name>/tree/<rev>?recursive=true  (JSON listing)
//   GET /<owner>/<name>/resolve/<rev>/<path>                 (file bytes)
// in the hub's shapes (LFS entries carry `lfs.oid` = sha256; non-LFS entries
// only a git blob oid; 206 + Content-Range for `Range: bytes=N-`). Switches
// make it misbehave the ways a real network does.

export interface FakeRequest {
  method: string;
  /** Decoded path, without the query. */
  path: string;
  range: string | null;
  authorization: string | null;
  status: number;
}

interface FakeFile {
  content: Buffer;
  lfs: boolean;
}

export interface FakeHubSwitches {
  /** Answer `Range: bytes=N-` with 206 (true) or ignore it and send 200 with everything. */
  honourRange: boolean;
  /** file path → bytes: the next response for that file sends this many bytes, then drops the connection (one shot). */
  cutAfterBytes: Map<string, number>;
  /** file path → bytes: every response for that file sends this many bytes, then goes silent (connection open). */
  stallAfterBytes: Map<string, number>;
  /** file paths served with one byte flipped (the listing keeps the true sha256). */
  corrupt: Set<string>;
  /** repositories that 404 (listing and files). */
  missingRepos: Set<string>;
  /** file paths that 404 on download though the listing has them. */
  missingFiles: Set<string>;
  /** Serve files through a 302 to /cdn/… like the real hub. */
  redirect: boolean;
  /** Paginate the listing with Link: rel="next" after this many entries. */
  pageSize: number | null;
}

export interface FakeHub {
  url: string;
  switches: FakeHubSwitches;
  requests: FakeRequest[];
  setFile(repo: string, path: string, content: Buffer, options?: { lfs?: boolean }): void;
  removeFile(repo: string, path: string): void;
  /** The Range headers sent for downloads of `path` (null where none was sent). */
  rangesFor(path: string): (string | null)[];
  close(): Promise<void>;
}

export const COMMIT = '0123456789abcdef0123456789abcdef01234567';

export function randomContent(bytes: number): Buffer {
  return randomBytes(bytes);
}

export const sha256Of = (content: Buffer) => createHash('sha256').update(content).digest('hex');
const gitBlobOid = (content: Buffer) =>
  createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');

export async function startFakeHub(): Promise<FakeHub> {
  const repos = new Map<string, Map<string, FakeFile>>();
  const requests: FakeRequest[] = [];
  const switches: FakeHubSwitches = {
    honourRange: true,
    cutAfterBytes: new Map(),
    stallAfterBytes: new Map(),
    corrupt: new Set(),
    missingRepos: new Set(),
    missingFiles: new Set(),
    redirect: false,
    pageSize: null,
  };

  const json = (res: ServerResponse, status: number, body: unknown, headers = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const notFound = (res: ServerResponse, code: string) =>
    json(res, 404, { error: `${code}` }, { 'x-error-code': code });

  function listing(
    req: IncomingMessage,
    res: ServerResponse,
    repo: string,
    query: URLSearchParams,
  ) {
    const files = repos.get(repo);
    if (!files || switches.missingRepos.has(repo)) return notFound(res, 'RepoNotFound');
    const entries: object[] = [];
    const dirs = new Set<string>();
    for (const [path, file] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) {
        const dir = parts.slice(0, i).join('/');
        if (!dirs.has(dir)) {
          dirs.add(dir);
          entries.push({
            type: 'directory',
            oid: gitBlobOid(Buffer.from(dir)),
            size: 0,
            path: dir,
          });
        }
      }
      entries.push({
        type: 'file',
        oid: gitBlobOid(file.content),
        size: file.content.length,
        path,
        ...(file.lfs
          ? { lfs: { oid: sha256Of(file.content), size: file.content.length, pointerSize: 134 } }
          : {}),
      });
    }
    if (switches.pageSize === null) return json(res, 200, entries);
    const cursor = Number(query.get('cursor') ?? '0');
    const page = entries.slice(cursor, cursor + switches.pageSize);
    const next = cursor + switches.pageSize;
    const headers =
      next < entries.length
        ? { link: `<${req.url?.split('?')[0]}?recursive=true&cursor=${next}>; rel="next"` }
        : {};
    return json(res, 200, page, headers);
  }

  function serveFile(req: IncomingMessage, res: ServerResponse, repo: string, path: string) {
    const file = repos.get(repo)?.get(path);
    if (!file || switches.missingRepos.has(repo) || switches.missingFiles.has(path))
      return notFound(res, switches.missingRepos.has(repo) ? 'RepoNotFound' : 'EntryNotFound');
    let body = file.content;
    if (switches.corrupt.has(path) && body.length > 0) {
      body = Buffer.from(body);
      body[body.length >> 1] = (body[body.length >> 1] ?? 0) ^ 0xff;
    }
    const size = body.length;
    const headers: Record<string, string | number> = {
      'content-type': 'application/octet-stream',
      'accept-ranges': switches.honourRange ? 'bytes' : 'none',
      'x-repo-commit': COMMIT,
      etag: `"${file.lfs ? sha256Of(file.content) : gitBlobOid(file.content)}"`,
    };
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range && switches.honourRange) {
      start = Number(range[1]);
      if (start >= size) {
        res.writeHead(416, { 'content-range': `bytes */${size}` });
        return res.end();
      }
      res.writeHead(206, {
        ...headers,
        'content-range': `bytes ${start}-${size - 1}/${size}`,
        'content-length': size - start,
      });
    } else {
      res.writeHead(200, { ...headers, 'content-length': size });
    }
    const rest = body.subarray(start);
    const cut = switches.cutAfterBytes.get(path);
    if (cut !== undefined) {
      switches.cutAfterBytes.delete(path);
      res.write(rest.subarray(0, cut), () => res.destroy());
      return;
    }
    const stall = switches.stallAfterBytes.get(path);
    if (stall !== undefined) {
      res.write(rest.subarray(0, stall));
      return;
    }
    res.end(rest);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const record: FakeRequest = {
      method: req.method ?? 'GET',
      path: parts.join('/'),
      range: req.headers.range ?? null,
      authorization: req.headers.authorization ?? null,
      status: 0,
    };
    requests.push(record);
    res.on('finish', () => (record.status = res.statusCode));
    res.on('close', () => (record.status ||= res.statusCode));
    // /api/models/<owner>/<name>/tree/<rev>
    if (parts[0] === 'api' && parts[1] === 'models' && parts[4] === 'tree' && parts.length === 6)
      return listing(req, res, `${parts[2]}/${parts[3]}`, url.searchParams);
    // /<owner>/<name>/resolve/<rev>/<path…>
    if (parts[2] === 'resolve' && parts.length >= 5) {
      const repo = `${parts[0]}/${parts[1]}`;
      const path = parts.slice(4).join('/');
      if (switches.redirect) {
        res.writeHead(302, {
          location: `/cdn/${repo}/${path.split('/').map(encodeURIComponent).join('/')}`,
        });
        return res.end();
      }
      return serveFile(req, res, repo, path);
    }
    // /cdn/<owner>/<name>/<path…> (redirect target)
    if (parts[0] === 'cdn' && parts.length >= 4)
      return serveFile(req, res, `${parts[1]}/${parts[2]}`, parts.slice(3).join('/'));
    return notFound(res, 'NotFound');
  });

  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    switches,
    requests,
    setFile(repo, path, content, options = {}) {
      if (!repos.has(repo)) repos.set(repo, new Map());
      repos.get(repo)?.set(path, { content, lfs: options.lfs ?? true });
    },
    removeFile(repo, path) {
      repos.get(repo)?.delete(path);
    },
    rangesFor(path) {
      const served = (r: FakeRequest) =>
        r.status !== 302 &&
        (r.path.endsWith(`/resolve/main/${path}`) ||
          (r.path.startsWith('cdn/') && r.path.endsWith(`/${path}`)));
      return requests.filter(served).map((r) => r.range);
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((done) => server.close(() => done()));
    },
  };
}
