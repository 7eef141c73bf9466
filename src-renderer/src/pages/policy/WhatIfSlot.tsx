import { useShallow } from 'zustand/react/shallow';
import { editedOf, usePolicyStore } from './policy-store';
import { WhatIfPanel } from './what-if/WhatIfPanel';

// ── What if ─────────────────────────────────────────────────────────────────
// The stored requests routed again under the edit in the editors, in the form
// being edited (DSL or YAML).

export function WhatIfSlot() {
  const { text, format } = usePolicyStore(useShallow(editedOf));
  return (
    <section
      className="policy-panel policy-whatif"
      aria-label="What if"
      data-testid="policy-whatif-slot"
      data-format={format}
      data-length={text.length}
    >
      <WhatIfPanel text={text} format={format} />
    </section>
  );
}
