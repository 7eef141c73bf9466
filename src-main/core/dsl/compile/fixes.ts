import type { Diagnostic } from '../../config/diagnostics';

// The config checks phrase their suggestions as `did you mean "x"?`; in the
// DSL editor such a suggestion becomes a one-click fix that replaces the
// diagnostic's range (a quoted name stays quoted).

const SUGGESTION = /did you mean "([^"]+)"\?$/;

export function withFixes(diagnostic: Diagnostic, source: string): Diagnostic {
  const match = SUGGESTION.exec(diagnostic.message);
  if (!match || diagnostic.fix || diagnostic.line === undefined) return diagnostic;
  const name = match[1] as string;
  const quoted = charAt(source, diagnostic.line, diagnostic.column ?? 1) === '"';
  return {
    ...diagnostic,
    fix: { description: `Replace with ${name}`, newText: quoted ? JSON.stringify(name) : name },
  };
}

function charAt(source: string, line: number, column: number): string {
  let offset = 0;
  for (let l = 1; l < line; l += 1) {
    const next = source.indexOf('\n', offset);
    if (next === -1) return '';
    offset = next + 1;
  }
  return source[offset + column - 1] ?? '';
}
