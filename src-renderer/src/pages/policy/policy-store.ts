import { create } from 'zustand';
import type {
  ApiErrorData,
  HomelaneClient,
  PolicyActive,
  PolicyApply,
  PolicyDiagnostic,
  PolicyFormat,
} from '../../../../src-main/contract';
import type { CheckOutcome } from '../../components/dsl-editor/DslEditor';
import type { RevealRequest } from '../../components/dsl-editor/reveal-line';

// The policy being edited. One side is the source of truth at a time: the
// DSL (the YAML pane shows what it compiles to, merged into the policy in
// force) or the YAML (the DSL pane follows by decompiling it). The other
// side is only ever written by the conversion of the source side.

export type LoadState =
  { status: 'loading' } | { status: 'ready' } | { status: 'error'; error: ApiErrorData };

/** The conversion of the source side into the other side. */
export type ConvertState =
  | { status: 'idle' }
  | { status: 'pending' }
  /** `text` is the source text it answered for; diagnostics are located in it. */
  | { status: 'done'; text: string; diagnostics: PolicyDiagnostic[]; errorCount: number }
  | { status: 'failed'; text: string; error: ApiErrorData };

export type ApplyState =
  | { status: 'idle' }
  | { status: 'applying' }
  | { status: 'done'; result: PolicyApply }
  | { status: 'error'; error: ApiErrorData };

export interface PolicyEditorState {
  load: LoadState;
  active: PolicyActive | null;
  source: PolicyFormat;
  dsl: string;
  yaml: string;
  /** The other side no longer matches the source side (its conversion had errors or failed). */
  otherStale: boolean;
  /** The DSL editor's last live check (`policy.check`). */
  check: CheckOutcome | null;
  conversion: ConvertState;
  apply: ApplyState;
  /** One line about what last replaced the edit (an import), until the next load. */
  notice: string | null;
  /** A line of the edited side to show (a problem picked from the list). */
  reveal: RevealRequest | null;
}

interface PolicyEditorActions {
  loadActive(client: HomelaneClient): Promise<void>;
  setDsl(text: string): void;
  setYaml(text: string): void;
  setCheck(outcome: CheckOutcome): void;
  /** Makes `source` the edited side; refused while the other side is out of date. */
  setSource(source: PolicyFormat): void;
  markPending(): void;
  /** Converts the source side now (the page calls it after a pause in typing). */
  convert(client: HomelaneClient): Promise<void>;
  revert(): void;
  applyEdit(client: HomelaneClient, note: string): Promise<boolean>;
  dismissApply(): void;
  /** Replaces one side with imported text and makes it the source of truth. */
  importText(text: string, format: PolicyFormat, from: string): void;
  revealLine(line: number): void;
}

export type PolicyStore = PolicyEditorState & PolicyEditorActions;

const INITIAL: PolicyEditorState = {
  load: { status: 'loading' },
  active: null,
  source: 'dsl',
  dsl: '',
  yaml: '',
  otherStale: false,
  check: null,
  conversion: { status: 'idle' },
  apply: { status: 'idle' },
  notice: null,
  reveal: null,
};

/** The edited text and its form: what apply, diff, export and what-if are given. */
export function editedOf(state: PolicyEditorState): { text: string; format: PolicyFormat } {
  return { text: state.source === 'dsl' ? state.dsl : state.yaml, format: state.source };
}

/** Whether the edited side differs from the same side of the policy in force. */
export function isDirty(state: PolicyEditorState): boolean {
  if (!state.active) return false;
  if (state.source === 'yaml') return state.yaml !== state.active.yaml;
  return state.active.dsl === null || state.dsl !== state.active.dsl;
}

/** The editors' texts as the policy in force gives them. */
function fromActive(active: PolicyActive): Partial<PolicyEditorState> {
  return {
    active,
    dsl: active.dsl ?? '',
    yaml: active.yaml,
    // A policy that cannot be printed as DSL can only be edited as YAML.
    source: active.dsl === null ? 'yaml' : 'dsl',
    otherStale: active.dsl === null,
    conversion: { status: 'idle' },
  };
}

/** Typing on: the word about the last apply is over (an error stays until the next try). */
function afterEdit(state: PolicyEditorState): Partial<PolicyEditorState> {
  return state.apply.status === 'done' ? { apply: { status: 'idle' } } : {};
}

export const usePolicyStore = create<PolicyStore>((set, get) => ({
  ...INITIAL,
  async loadActive(client) {
    if (!get().active) set({ load: { status: 'loading' } });
    const result = await client.call('policy.active', {});
    if (!result.ok) {
      set({ load: { status: 'error', error: result.error }, active: null });
      return;
    }
    set({ load: { status: 'ready' }, notice: null, ...fromActive(result.data) });
  },
  setDsl(text) {
    // The editor also reports text the store gave it; only a real edit counts.
    if (get().source === 'dsl' && text !== get().dsl) set({ dsl: text, ...afterEdit(get()) });
  },
  setYaml(text) {
    if (get().source === 'yaml' && text !== get().yaml) set({ yaml: text, ...afterEdit(get()) });
  },
  setCheck(outcome) {
    set({ check: outcome });
  },
  setSource(source) {
    const state = get();
    if (state.source === source || state.otherStale) return;
    set({ source, conversion: { status: 'idle' } });
  },
  markPending() {
    set({ conversion: { status: 'pending' } });
  },
  async convert(client) {
    const { text, format: source } = editedOf(get());
    const result =
      source === 'dsl'
        ? await client.call('policy.compile', { source: text })
        : await client.call('policy.decompile', { yaml: text });
    // Typed over or switched while the core converted: the next conversion answers.
    const now = editedOf(get());
    if (now.format !== source || now.text !== text) return;
    if (!result.ok) {
      set({ conversion: { status: 'failed', text, error: result.error }, otherStale: true });
      return;
    }
    const { diagnostics, errorCount } = result.data;
    const converted = 'yaml' in result.data ? result.data.yaml : result.data.dsl;
    set({
      conversion: { status: 'done', text, diagnostics, errorCount },
      otherStale: converted === null,
      ...(converted === null ? {} : source === 'dsl' ? { yaml: converted } : { dsl: converted }),
    });
  },
  revert() {
    const { active } = get();
    if (active) set({ ...fromActive(active), notice: null, apply: { status: 'idle' } });
  },
  async applyEdit(client, note) {
    const edited = editedOf(get());
    set({ apply: { status: 'applying' } });
    const trimmed = note.trim();
    const result = await client.call('policy.apply', {
      ...edited,
      ...(trimmed === '' ? {} : { note: trimmed }),
    });
    if (!result.ok) {
      set({ apply: { status: 'error', error: result.error } });
      return false;
    }
    set({ apply: { status: 'done', result: result.data } });
    await get().loadActive(client);
    return true;
  },
  dismissApply() {
    set({ apply: { status: 'idle' } });
  },
  revealLine(line) {
    set({ reveal: { line, seq: (get().reveal?.seq ?? 0) + 1 } });
  },
  importText(text, format, from) {
    set({
      source: format,
      ...(format === 'dsl' ? { dsl: text } : { yaml: text }),
      otherStale: true,
      conversion: { status: 'idle' },
      notice: `Imported ${from} into the ${format === 'dsl' ? 'DSL' : 'YAML'} side. Nothing is applied until you apply it.`,
    });
  },
}));
