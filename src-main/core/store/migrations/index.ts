import type { Migration } from '../migration';
import { migration001 } from './001-conversations-and-memory';
import { migration002 } from './002-routing-records';
import { migration003 } from './003-record-traces-apart';
import { migration004 } from './004-messages';
import { migration005 } from './005-records-in-time-order';
import { migration006 } from './006-settings';
import { migration007 } from './007-records-completed-by-the-store';

/** Every migration, in order. A new one is a new file here; none is ever edited. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
];
