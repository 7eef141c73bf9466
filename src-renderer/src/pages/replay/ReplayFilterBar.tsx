import { Search, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ReplayFilters } from '../../../../src-main/contract';
import { STATUS_LABEL } from './replay-format';
import { useReplayStore } from './replay-store';

// The filters over the list: a search box (applied as one pauses typing) and
// selects for decision, alias, lane (names from the store's records),
// locality, private and status.

const SEARCH_PAUSE_MS = 300;

interface SelectProps {
  label: string;
  value: string | undefined;
  options: readonly (string | [string, string])[];
  onChange(value: string | undefined): void;
}

function FilterSelect({ label, value, options, onChange }: SelectProps) {
  const shown =
    value !== undefined && !options.some((o) => (Array.isArray(o) ? o[0] : o) === value)
      ? [...options, value]
      : options;
  return (
    <label className="replay-filter">
      <span className="replay-filter__label">{label}</span>
      <select
        aria-label={label}
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      >
        <option value="">Any</option>
        {shown.map((option) => {
          const [key, text] = Array.isArray(option) ? option : [option, option];
          return (
            <option key={key} value={key}>
              {text}
            </option>
          );
        })}
      </select>
    </label>
  );
}

export function ReplayFilterBar() {
  const filters = useReplayStore((s) => s.filters);
  const names = useReplayStore((s) => s.names);
  const setFilters = useReplayStore((s) => s.setFilters);
  const clearFilters = useReplayStore((s) => s.clearFilters);
  const [text, setText] = useState(filters.text ?? '');

  useEffect(() => {
    if ((filters.text ?? '') === text.trim()) return;
    const timer = setTimeout(() => setFilters({ text: text.trim() || undefined }), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, filters.text, setFilters]);

  const change = (key: keyof ReplayFilters) => (value: string | undefined) =>
    setFilters({ [key]: value });
  const active = Object.keys(filters).length > 0;

  return (
    <div className="replay-filters" role="search" aria-label="Filter the routing records">
      <label className="replay-search">
        <Search size={14} aria-hidden="true" />
        <input
          type="search"
          placeholder="Search prompts, decisions, aliases…"
          aria-label="Search the routing records"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <FilterSelect
        label="Decision"
        value={filters.decision}
        options={names.decisions}
        onChange={change('decision')}
      />
      <FilterSelect
        label="Alias"
        value={filters.alias}
        options={names.aliases}
        onChange={change('alias')}
      />
      <FilterSelect
        label="Lane"
        value={filters.lane}
        options={names.lanes}
        onChange={change('lane')}
      />
      <FilterSelect
        label="Locality"
        value={filters.locality}
        options={[
          ['local', 'Local'],
          ['lan', 'LAN'],
          ['cloud', 'Cloud'],
        ]}
        onChange={(value) => setFilters({ locality: value as ReplayFilters['locality'] })}
      />
      <FilterSelect
        label="Private"
        value={filters.private === undefined ? undefined : String(filters.private)}
        options={[
          ['true', 'Private only'],
          ['false', 'Not private'],
        ]}
        onChange={(value) =>
          setFilters({ private: value === undefined ? undefined : value === 'true' })
        }
      />
      <FilterSelect
        label="Status"
        value={filters.status}
        options={Object.entries(STATUS_LABEL)}
        onChange={(value) => setFilters({ status: value as ReplayFilters['status'] })}
      />
      {active ? (
        <button
          type="button"
          className="lanes-button lanes-button--small"
          onClick={() => {
            setText('');
            clearFilters();
          }}
        >
          <X size={14} aria-hidden="true" /> Clear
        </button>
      ) : null}
    </div>
  );
}
