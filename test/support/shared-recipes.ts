import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Upstream's recipes live beside the checkout in ../shared/upstream (they are
// upstream's files and are never copied into the project). Tests that need
// them skip, saying why, where that folder is absent — as in a user's clone.

export const SHARED_UPSTREAM = fileURLToPath(new URL('../../../shared/upstream/', import.meta.url));
export const HAS_SHARED = existsSync(`${SHARED_UPSTREAM}balance/config.yaml`);
export const SHARED_MISSING_REASON =
  '../shared/upstream (upstream recipes beside the checkout) is absent, so upstream-recipe tests are skipped';

export function sharedPath(relative: string): string {
  return `${SHARED_UPSTREAM}${relative}`;
}

export function readShared(relative: string): string {
  return readFileSync(sharedPath(relative), 'utf8');
}
