// Test helper: a routing section with the config loader's defaults filled
// in, so a compiled section and a hand-written YAML one compare as data.
// Upstream's loader reads an absent keyword `case_sensitive` as false and
// absent decision `rules` as an unconditional AND; model card order carries
// no meaning (the DSL sorts cards by name).

type Data = Record<string, unknown>;

export function withLoaderDefaults(routing: Data): Data {
  const signals = (routing.signals ?? {}) as Data;
  const keywords = ((signals.keywords ?? []) as Data[]).map((rule) => ({
    case_sensitive: false,
    ...rule,
  }));
  const decisions = ((routing.decisions ?? []) as Data[]).map((decision) => ({
    rules: { operator: 'AND' },
    ...decision,
  }));
  const cards = [...((routing.modelCards ?? []) as Data[])].sort((a, b) =>
    String(a.name).localeCompare(String(b.name)),
  );
  return {
    ...routing,
    ...(routing.signals
      ? { signals: { ...signals, ...(signals.keywords ? { keywords } : {}) } }
      : {}),
    ...(routing.decisions ? { decisions } : {}),
    ...(routing.modelCards ? { modelCards: cards } : {}),
  };
}
