import { z } from 'zod';
import { ModelDownloadError } from './download-error';
import type { HubSettings } from './hub-settings';
import { hubHeaders } from './hub-settings';
import { statusError } from './hub-status';
import { timedFetch } from './timed-fetch';

// The two hub calls the downloader needs: the recursive file listing of a
// repository at a revision (with sizes, and the sha256 of LFS files), and the
// URL a file is downloaded from.

/** A file in a repository as the hub lists it. */
export interface HubFile {
  path: string;
  size: number;
  /** The LFS object id (sha256 of the content); null for files kept in git. */
  sha256: string | null;
  /** The git object id the hub lists (a blob sha1 for non-LFS files). */
  oid: string | null;
}

const TreeEntrySchema = z.looseObject({
  type: z.string(),
  path: z.string(),
  size: z.number().int().nonnegative().optional(),
  oid: z.string().optional(),
  lfs: z
    .looseObject({
      oid: z.string().regex(/^[0-9a-f]{64}$/i),
      size: z.number().int().nonnegative(),
    })
    .optional(),
});
const TreeSchema = z.array(TreeEntrySchema);

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

export function treeUrl(hub: HubSettings, repo: string, revision: string): string {
  return `${hub.endpoint}/api/models/${repo}/tree/${encodeURIComponent(revision)}?recursive=true`;
}

export function fileUrl(hub: HubSettings, repo: string, revision: string, path: string): string {
  return `${hub.endpoint}/${repo}/resolve/${encodeURIComponent(revision)}/${encodePath(path)}`;
}

/** The `rel="next"` target of a Link header (the hub paginates long listings). */
export function nextPageUrl(link: string | null, base: string): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part);
    if (match?.[1]) return new URL(match[1], base).href;
  }
  return null;
}

async function readJson(chunks: AsyncGenerator<Uint8Array>): Promise<unknown> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return JSON.parse(Buffer.concat(parts).toString('utf8'));
}

/** Every file of `repo` at `revision`, following the hub's pagination. */
export async function listRepoFiles(
  hub: HubSettings,
  repo: string,
  revision: string,
  signal?: AbortSignal,
): Promise<HubFile[]> {
  const files: HubFile[] = [];
  const context = { endpoint: hub.endpoint, repo, revision };
  let url: string | null = treeUrl(hub, repo, revision);
  for (let page = 0; url !== null; page++) {
    if (page > 1000) throw new ModelDownloadError('http_error', `${url}: too many pages`);
    const answer = await timedFetch(
      url,
      {
        headers: hubHeaders(hub, { accept: 'application/json' }),
        connectTimeoutMs: hub.connectTimeoutMs,
        idleTimeoutMs: hub.idleTimeoutMs,
        signal,
      },
      { endpoint: hub.endpoint },
    );
    if (!answer.response.ok) {
      await answer.discard();
      throw statusError(answer.response, context);
    }
    let entries: z.infer<typeof TreeSchema>;
    try {
      entries = TreeSchema.parse(await readJson(answer.chunks()));
    } catch (error) {
      if (error instanceof ModelDownloadError) throw error;
      throw new ModelDownloadError(
        'http_error',
        `${hub.endpoint} did not answer with a file listing for ${repo}@${revision} — is it a Hugging Face endpoint?`,
        { cause: error },
      );
    }
    for (const entry of entries) {
      if (entry.type !== 'file') continue;
      files.push({
        path: entry.path,
        size: entry.lfs?.size ?? entry.size ?? 0,
        sha256: entry.lfs ? entry.lfs.oid.toLowerCase() : null,
        oid: entry.oid ?? null,
      });
    }
    url = nextPageUrl(answer.response.headers.get('link'), url);
  }
  return files;
}
