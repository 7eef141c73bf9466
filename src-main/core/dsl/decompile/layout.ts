import { fieldLine } from './print-value';

// The printout's page layout: section banners, blocks of one field per line,
// and the two-space indent of a RECIPE body.

const RULE = `# ${'='.repeat(77)}\n`;

/** A section banner followed by one blank line. */
export function banner(title: string): string {
  return `${RULE}# ${title}\n${RULE}\n`;
}

/** A field to print in a block, already filtered for emptiness by the caller. */
export type BlockField = readonly [key: string, printed: string];

/** `<header> {` + one `key: value` line per field + `}` and a blank line. */
export function block(header: string, fields: readonly BlockField[]): string {
  const lines = fields.map(([key, printed]) => fieldLine('  ', key, printed)).join('');
  return `${header} {\n${lines}}\n\n`;
}

/** Indents every non-empty line (blank lines stay empty, so no trailing spaces appear). */
export function indentLines(text: string, prefix: string): string {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => (line === '' ? '\n' : `${prefix}${line}\n`)).join('');
}
