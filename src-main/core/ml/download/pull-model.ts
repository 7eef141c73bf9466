import { mkdir } from 'node:fs/promises';
import type { CatalogEntry } from '../catalog/model-catalog';
import { createLogger } from '../../logger';
import { classifyDownloadError } from './classify-error';
import type { DownloadedFile, FileTarget } from './download-file';
import { downloadFile } from './download-file';
import { ModelDownloadError } from './download-error';
import { ProgressTracker } from './download-progress';
import type { HubFile } from './hub-client';
import { listRepoFiles } from './hub-client';
import type { HubSettings } from './hub-settings';
import { installStaged, recoverInterruptedInstall } from './install-staged';
import type { Manifest } from './model-manifest';
import { writeManifest } from './model-manifest';
import { stagingDir } from './model-paths';
import type { PullEvent, PullEventListener } from './pull-events';
import { pruneStaging } from './prune-staging';
import { seedFromInstall } from './seed-from-install';

// A pull: list the repository, match the catalog's files against it, download
// each into `.staging/<id>/` (resuming what an earlier attempt left), write
// manifest.json, then install by renaming. Until that rename the installed
// model, if any, is untouched — a failed pull never replaces a good install.

const log = createLogger('models');

export interface PullOptions {
  dataDir: string;
  entry: CatalogEntry;
  hub: HubSettings;
  signal?: AbortSignal | undefined;
  onEvent?: PullEventListener | undefined;
  /** Milliseconds between progress events (default 100). */
  progressIntervalMs?: number;
  /** Monotonic clock in ms, for the transfer rate. */
  now?: () => number;
  /** Wall clock, for installed_at. */
  clock?: () => Date;
}

/** The catalog's files as the repository has them; a missing required file is not_found. */
export function planFiles(
  entry: CatalogEntry,
  listed: readonly HubFile[],
  endpoint: string,
): { targets: FileTarget[]; skippedOptional: string[] } {
  const byPath = new Map(listed.map((file) => [file.path, file]));
  const targets: FileTarget[] = [];
  const skippedOptional: string[] = [];
  for (const file of entry.files) {
    const hub = byPath.get(file.path);
    if (!hub) {
      if (file.optional) {
        skippedOptional.push(file.path);
        continue;
      }
      throw new ModelDownloadError(
        'not_found',
        `${endpoint} has no ${file.path} in ${entry.repo}@${entry.revision}, which the ${entry.id} model needs`,
        { file: file.path },
      );
    }
    const pinMismatch =
      (file.size !== undefined && file.size !== hub.size) ||
      (file.sha256 !== undefined && hub.sha256 !== null && file.sha256 !== hub.sha256);
    if (pinMismatch) {
      throw new ModelDownloadError(
        'checksum_mismatch',
        `${entry.repo}@${entry.revision} at ${endpoint} lists ${file.path} with a different size or sha256 than the model catalog pins`,
        { file: file.path },
      );
    }
    targets.push({
      path: file.path,
      size: hub.size,
      sha256: file.sha256 ?? hub.sha256,
      oid: hub.oid,
    });
  }
  return { targets, skippedOptional };
}

export async function pullModel(options: PullOptions): Promise<Manifest> {
  const { dataDir, entry, hub, signal } = options;
  const emit: PullEventListener = (event: PullEvent) => options.onEvent?.(event);
  const errorContext = { endpoint: hub.endpoint };
  try {
    await recoverInterruptedInstall(dataDir, entry.id);
    emit({ type: 'listing', endpoint: hub.endpoint, repo: entry.repo, revision: entry.revision });
    const listed = await listRepoFiles(hub, entry.repo, entry.revision, signal);
    const { targets, skippedOptional } = planFiles(entry, listed, hub.endpoint);
    const totalBytes = targets.reduce((sum, t) => sum + t.size, 0);
    emit({
      type: 'plan',
      id: entry.id,
      repo: entry.repo,
      revision: entry.revision,
      files: targets.map((t) => ({
        path: t.path,
        size: t.size,
        verify: t.sha256 ? 'sha256' : 'size',
      })),
      skippedOptional,
      totalBytes,
    });
    log.debug({ id: entry.id, repo: entry.repo, totalBytes }, 'pulling model');

    const staging = stagingDir(dataDir, entry.id);
    await mkdir(staging, { recursive: true });
    await pruneStaging(
      staging,
      targets.map((t) => t.path),
    );
    await seedFromInstall(dataDir, entry.id, targets, staging);

    const now = options.now ?? (() => performance.now());
    const tracker = new ProgressTracker(totalBytes, now);
    const interval = options.progressIntervalMs ?? 100;
    let lastProgress = -Infinity;
    const progress = (force = false) => {
      const at = now();
      if (!force && at - lastProgress < interval) return;
      lastProgress = at;
      emit({ type: 'progress', progress: tracker.snapshot() });
    };

    const downloaded: DownloadedFile[] = [];
    for (const target of targets) {
      downloaded.push(
        await downloadFile(target, {
          hub,
          repo: entry.repo,
          revision: entry.revision,
          stagingDir: staging,
          tracker,
          emit,
          onProgress: () => progress(),
          signal,
        }),
      );
      progress(true);
    }

    const manifest: Manifest = {
      manifest_version: 1,
      catalog_id: entry.id,
      repo: entry.repo,
      revision: entry.revision,
      commit: downloaded.find((f) => f.commit !== null)?.commit ?? null,
      endpoint: hub.endpoint,
      task: entry.task,
      installed_at: (options.clock ?? (() => new Date()))().toISOString(),
      files: downloaded.map(({ path, size, sha256, verified }) => ({
        path,
        size,
        sha256,
        verified,
      })),
      skipped_optional: skippedOptional,
    };
    await writeManifest(staging, manifest);
    if (signal?.aborted) throw signal.reason;
    const installed = await installStaged(dataDir, entry.id);
    emit({ type: 'installed', id: entry.id, dir: installed.dir, replaced: installed.replaced });
    log.debug({ id: entry.id, dir: installed.dir }, 'model installed');
    return manifest;
  } catch (error) {
    throw classifyDownloadError(error, errorContext);
  }
}
