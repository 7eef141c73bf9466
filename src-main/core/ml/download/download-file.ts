import type { Hash } from 'node:crypto';
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { classifyDownloadError, offlineError } from './classify-error';
import { ModelDownloadError } from './download-error';
import type { ProgressTracker } from './download-progress';
import { fileUrl } from './hub-client';
import type { HubSettings } from './hub-settings';
import { hubHeaders } from './hub-settings';
import { statusError } from './hub-status';
import type { PullEventListener, VerifiedBy } from './pull-events';
import { stagedFilePaths } from './model-paths';
import { hashInto } from './hash-file';
import { timedFetch } from './timed-fetch';

// Downloads one repository file into the staging folder: resumable with
// `Range: bytes=N-` into `<file>.partial`, hashed as it streams (the bytes
// already on disk are hashed again first), verified against the hub's size
// and sha256, then renamed to its final name inside staging. A partial whose
// origin (size, hash, object id) changed is thrown away; a bad download is
// deleted so the next attempt starts over.

export interface FileTarget {
  path: string;
  size: number;
  /** The sha256 the hub publishes (LFS files) or the catalog pins; null: size only. */
  sha256: string | null;
  oid: string | null;
}

export interface DownloadFileContext {
  hub: HubSettings;
  repo: string;
  revision: string;
  stagingDir: string;
  tracker: ProgressTracker;
  emit: PullEventListener;
  /** Called after bytes arrive; the caller throttles the progress events. */
  onProgress(): void;
  signal?: AbortSignal | undefined;
}

export interface DownloadedFile {
  path: string;
  size: number;
  sha256: string;
  verified: VerifiedBy;
  /** The commit the hub served the file from (X-Repo-Commit), if it said. */
  commit: string | null;
}

interface PartialMeta {
  size: number;
  sha256: string | null;
  oid: string | null;
}

const sameOrigin = (a: PartialMeta, b: PartialMeta) =>
  a.size === b.size && a.sha256 === b.sha256 && a.oid === b.oid;

async function readMeta(file: string): Promise<PartialMeta | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as PartialMeta;
  } catch {
    return null;
  }
}

async function sizeOf(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size;
  } catch {
    return null;
  }
}

/** The start offset of a `Content-Range: bytes start-end/total` header. */
export function contentRangeStart(header: string | null): number | null {
  const match = header ? /^bytes\s+(\d+)-\d+\/(?:\d+|\*)$/i.exec(header.trim()) : null;
  return match?.[1] !== undefined ? Number(match[1]) : null;
}

async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

export async function downloadFile(
  target: FileTarget,
  ctx: DownloadFileContext,
): Promise<DownloadedFile> {
  const { finalPath, partialPath, metaPath } = stagedFilePaths(ctx.stagingDir, target.path);
  const errorContext = { endpoint: ctx.hub.endpoint, file: target.path };
  const meta: PartialMeta = { size: target.size, sha256: target.sha256, oid: target.oid };
  const verified: VerifiedBy = target.sha256 ? 'sha256' : 'size';
  await mkdir(dirname(finalPath), { recursive: true });
  ctx.tracker.startFile(target.path, target.size);
  ctx.emit({ type: 'file-start', path: target.path, size: target.size });
  const onDisk = (bytes: number) => {
    ctx.tracker.alreadyHave(bytes);
    ctx.onProgress();
  };

  /** The file is in place and verified: drop its resume record and report it. */
  const finish = async (sha256: string, reused: boolean, commit: string | null) => {
    await rm(metaPath, { force: true });
    ctx.emit({ type: 'file-done', path: target.path, size: target.size, sha256, verified, reused });
    return { path: target.path, size: target.size, sha256, verified, commit };
  };

  try {
    // Staged by an earlier attempt: check it again rather than download again.
    if ((await sizeOf(finalPath)) === target.size) {
      const hash = createHash('sha256');
      await hashInto(hash, finalPath, onDisk, ctx.signal);
      const sha256 = hash.digest('hex');
      if (!target.sha256 || sha256 === target.sha256) {
        await rm(partialPath, { force: true });
        return finish(sha256, true, null);
      }
      ctx.tracker.restartFile();
    }
    await rm(finalPath, { force: true });

    // A partial from an earlier attempt: keep it if it is of the same file.
    let hash = createHash('sha256');
    let offset = 0;
    const partialSize = await sizeOf(partialPath);
    if (partialSize !== null) {
      const saved = await readMeta(metaPath);
      if (saved && sameOrigin(saved, meta) && partialSize <= target.size) {
        offset = await hashInto(hash, partialPath, onDisk, ctx.signal);
      } else {
        await rm(partialPath, { force: true });
        if (partialSize > 0)
          ctx.emit({
            type: 'restart',
            path: target.path,
            reason: 'the partial download is of another version of the file',
          });
      }
    }
    await writeFile(metaPath, JSON.stringify(meta));

    const restart = (reason: string) => {
      hash = createHash('sha256');
      offset = 0;
      ctx.tracker.restartFile();
      ctx.emit({ type: 'restart', path: target.path, reason });
    };

    let commit: string | null = null;
    for (let attempt = 0; offset < target.size || (attempt === 0 && target.size === 0); attempt++) {
      const got = await fetchRest(target, ctx, offset, errorContext);
      commit = got.commit ?? commit;
      if (got.kind === 'range-rejected') {
        if (attempt > 0)
          throw new ModelDownloadError(
            'http_error',
            `${ctx.hub.endpoint} rejected the download of ${target.path} (HTTP 416)`,
            { status: 416, file: target.path },
          );
        restart('the server rejected the resume request (HTTP 416)');
        continue;
      }
      if (got.kind === 'full' && offset > 0)
        restart('the server does not support resuming (it ignored the Range request)');
      if (offset > 0) ctx.emit({ type: 'resume', path: target.path, fromByte: offset });
      offset = await receive(got.answer, partialPath, offset, hash, target, ctx);
      if (offset < target.size)
        throw offlineError(
          errorContext,
          `the connection ended after ${offset} of ${target.size} bytes`,
        );
      if (target.size === 0) break;
    }

    const sha256 = hash.digest('hex');
    if (target.sha256 && sha256 !== target.sha256) {
      await rm(partialPath, { force: true });
      await rm(metaPath, { force: true });
      throw new ModelDownloadError(
        'checksum_mismatch',
        `${target.path} does not match the sha256 the hub publishes (expected ${target.sha256}, got ${sha256}); the bad download was deleted, run the pull again`,
        { file: target.path },
      );
    }
    await rename(partialPath, finalPath);
    return finish(sha256, false, commit);
  } catch (error) {
    throw classifyDownloadError(error, errorContext);
  }
}

type Fetched =
  | { kind: 'range-rejected'; commit: string | null }
  | {
      kind: 'full' | 'partial';
      answer: Awaited<ReturnType<typeof timedFetch>>;
      commit: string | null;
    };

/** Requests the file from `offset` and says whether the server honoured the range. */
async function fetchRest(
  target: FileTarget,
  ctx: DownloadFileContext,
  offset: number,
  errorContext: { endpoint: string; file: string },
): Promise<Fetched> {
  ctx.tracker.markTransferStart();
  const answer = await timedFetch(
    fileUrl(ctx.hub, ctx.repo, ctx.revision, target.path),
    {
      headers: hubHeaders(ctx.hub, offset > 0 ? { range: `bytes=${offset}-` } : {}),
      connectTimeoutMs: ctx.hub.connectTimeoutMs,
      idleTimeoutMs: ctx.hub.idleTimeoutMs,
      signal: ctx.signal,
    },
    errorContext,
  );
  const { response } = answer;
  const commit = response.headers.get('x-repo-commit');
  if (response.status === 416 && offset > 0) {
    await answer.discard();
    return { kind: 'range-rejected', commit };
  }
  if (!response.ok) {
    await answer.discard();
    throw statusError(response, {
      endpoint: ctx.hub.endpoint,
      repo: ctx.repo,
      revision: ctx.revision,
      file: target.path,
    });
  }
  if (response.status !== 206) return { kind: 'full', answer, commit };
  const start = contentRangeStart(response.headers.get('content-range'));
  if (start === offset) return { kind: 'partial', answer, commit };
  if (start === 0) return { kind: 'full', answer, commit };
  await answer.discard();
  throw new ModelDownloadError(
    'http_error',
    `${ctx.hub.endpoint} answered a resume of ${target.path} from byte ${offset} with Content-Range "${response.headers.get('content-range') ?? ''}"`,
    { status: 206, file: target.path },
  );
}

/** Streams the body into the partial file; returns the partial's new length. */
async function receive(
  answer: Awaited<ReturnType<typeof timedFetch>>,
  partialPath: string,
  offset: number,
  hash: Hash,
  target: FileTarget,
  ctx: DownloadFileContext,
): Promise<number> {
  const handle = await open(partialPath, offset > 0 ? 'a' : 'w');
  let written = offset;
  let tooLong = false;
  try {
    for await (const chunk of answer.chunks()) {
      if (written + chunk.length > target.size) {
        tooLong = true;
        break;
      }
      await writeAll(handle, chunk);
      hash.update(chunk);
      written += chunk.length;
      ctx.tracker.transfer(chunk.length);
      ctx.onProgress();
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (tooLong) {
    await rm(partialPath, { force: true });
    throw new ModelDownloadError(
      'checksum_mismatch',
      `${target.path} is longer than the ${target.size} bytes the hub lists; the bad download was deleted, run the pull again`,
      { file: target.path },
    );
  }
  return written;
}
