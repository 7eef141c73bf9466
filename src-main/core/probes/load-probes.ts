import { readFile } from 'node:fs/promises';
import { isAlias, isNode, isPair, isScalar, parseDocument, visit } from 'yaml';
import { DiagnosticSink } from '../config/diagnostics';
import type { Diagnostic } from '../config/diagnostics';
import { reportSchemaIssues } from '../config/schema-issues';
import { parseYamlSource } from '../config/yaml-source';
import { ProbeFileSchema } from './schema';
import type { ProbeFile } from './schema';

export interface ProbeLoadResult {
  probes?: ProbeFile;
  diagnostics: Diagnostic[];
}

/**
 * Loads a probe file strictly: YAML anchors, aliases, merge keys and
 * explicit tags are refused before anything is read (upstream's
 * anti-indirection rule), unknown keys are errors, and group and variant
 * ids must be unique.
 */
export function loadProbesText(text: string, file = '<probes>'): ProbeLoadResult {
  const source = parseYamlSource(text, file);
  if (source.errors.length > 0) return { diagnostics: source.errors };
  const sink = new DiagnosticSink(file, source.locate);
  for (const problem of indirections(text)) sink.error('yaml_indirection', [], problem);
  if (sink.items.length > 0) return { diagnostics: sink.items };

  const parsed = ProbeFileSchema.safeParse(source.value, { reportInput: true });
  if (!parsed.success) {
    reportSchemaIssues(parsed.error, sink);
    return { diagnostics: sink.items };
  }
  const groups = new Set<string>();
  parsed.data.decisions.forEach((group, g) => {
    if (groups.has(group.id))
      sink.error('duplicate_id', ['decisions', g, 'id'], `probe group "${group.id}" appears twice`);
    groups.add(group.id);
    const variants = new Set<string>();
    group.variants.forEach((variant, v) => {
      const path = ['decisions', g, 'variants', v];
      if (variants.has(variant.id))
        sink.error(
          'duplicate_id',
          [...path, 'id'],
          `variant "${variant.id}" appears twice in group "${group.id}"`,
        );
      variants.add(variant.id);
      if ((variant.query === undefined) === (variant.messages === undefined)) {
        sink.error('invalid_variant', path, 'a variant has exactly one of query and messages');
      }
      if (variant.messages && (variant.repeat !== undefined || variant.padding !== undefined)) {
        sink.error('invalid_variant', path, 'repeat and padding apply to query variants only');
      }
      if (variant.query !== undefined && variant.generated_text !== undefined) {
        sink.error('invalid_variant', path, 'generated_text applies to messages variants only');
      }
    });
  });
  if (sink.items.some((d) => d.severity === 'error')) return { diagnostics: sink.items };
  return { probes: parsed.data, diagnostics: sink.items };
}

export async function loadProbesFile(path: string): Promise<ProbeLoadResult> {
  try {
    return loadProbesText(await readFile(path, 'utf8'), path);
  } catch (error) {
    return {
      diagnostics: [
        {
          severity: 'error',
          code: 'file_unreadable',
          message: `cannot read the probe file: ${(error as Error).message}`,
          file: path,
          path: '(document)',
        },
      ],
    };
  }
}

function indirections(text: string): string[] {
  const problems: string[] = [];
  const doc = parseDocument(text);
  visit(doc, {
    Alias() {
      problems.push('YAML aliases are not allowed in probe files');
    },
    Node(_key, node) {
      if (isNode(node) && node.anchor)
        problems.push(`YAML anchor &${node.anchor} is not allowed in probe files`);
      // The yaml library sets `tag` only when the source wrote one.
      if (isNode(node) && !isAlias(node) && node.tag) {
        problems.push(`explicit YAML tag ${node.tag} is not allowed in probe files`);
      }
    },
    Pair(_key, pair) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === '<<') {
        problems.push('YAML merge keys (<<) are not allowed in probe files');
      }
    },
  });
  return [...new Set(problems)];
}
