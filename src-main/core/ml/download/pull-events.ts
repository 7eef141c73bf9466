import type { PullProgress } from './download-progress';

/** How a file's integrity was checked: the hub's LFS sha256, or its size alone (non-LFS files). */
export type VerifiedBy = 'sha256' | 'size';

/** What a pull reports while it runs, in order. */
export type PullEvent =
  | { type: 'listing'; endpoint: string; repo: string; revision: string }
  | {
      type: 'plan';
      id: string;
      repo: string;
      revision: string;
      files: { path: string; size: number; verify: VerifiedBy }[];
      /** Optional catalog files the repository does not have. */
      skippedOptional: string[];
      totalBytes: number;
    }
  | { type: 'file-start'; path: string; size: number }
  /** Part of the file was already on disk; the request asks for the rest. */
  | { type: 'resume'; path: string; fromByte: number }
  /** The partial download could not be continued and starts again from zero. */
  | { type: 'restart'; path: string; reason: string }
  | { type: 'progress'; progress: PullProgress }
  | {
      type: 'file-done';
      path: string;
      size: number;
      sha256: string;
      verified: VerifiedBy;
      /** Staged by an earlier attempt and re-checked, not downloaded again. */
      reused: boolean;
    }
  | { type: 'installed'; id: string; dir: string; replaced: boolean };

export type PullEventListener = (event: PullEvent) => void;
