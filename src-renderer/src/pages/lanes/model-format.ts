import type { RoutingModel } from '../../../../src-main/contract';

export const MODEL_STATUS_LABEL: Record<RoutingModel['status'], string> = {
  installed: 'Installed',
  incomplete: 'Incomplete',
  invalid: 'Damaged',
  not_installed: 'Not installed',
};

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${Math.round(bytes / 1e3)} kB`;
}

/** 0..100, one decimal; 0 while the size is not known. */
export function percentOf(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.round((done / total) * 1000) / 10);
}
