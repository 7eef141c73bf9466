import { useEffect } from 'react';
import type { HomelaneClient } from '../../../../src-main/contract';
import { editedOf, usePolicyStore } from './policy-store';

/** How long typing must pause before the edited side is converted into the other. */
export const CONVERT_DELAY_MS = 450;

/** Converts the source side (DSL → YAML, or YAML → DSL) after each pause in typing. */
export function useLiveConvert(client: HomelaneClient): void {
  const ready = usePolicyStore((s) => s.load.status === 'ready');
  const source = usePolicyStore((s) => s.source);
  const text = usePolicyStore((s) => editedOf(s).text);
  useEffect(() => {
    if (!ready) return;
    const store = usePolicyStore.getState();
    store.markPending();
    const timer = setTimeout(() => void store.convert(client), CONVERT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [client, ready, source, text]);
}
