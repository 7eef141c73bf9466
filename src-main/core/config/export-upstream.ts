import { isMap, isSeq, parseDocument } from 'yaml';

// A Homelane config as upstream reads it: the same YAML, comments and order
// kept, without the keys only Homelane understands. Today that is a provider
// model's `locality`.

/** Paths of Homelane-only keys, for people: `providers.models[2].locality`. */
export interface UpstreamExport {
  text: string;
  removed: string[];
}

export function exportForUpstream(text: string): UpstreamExport {
  const document = parseDocument(text, { keepSourceTokens: false });
  if (document.errors.length > 0) {
    const first = document.errors[0];
    throw new Error(`the config is not valid YAML: ${first?.message ?? 'unknown error'}`);
  }
  const removed: string[] = [];
  const models = document.getIn(['providers', 'models']);
  if (isSeq(models)) {
    models.items.forEach((model, index) => {
      if (isMap(model) && model.has('locality')) {
        model.delete('locality');
        removed.push(`providers.models[${index}].locality`);
      }
    });
  }
  return { text: removed.length === 0 ? text : document.toString(), removed };
}
