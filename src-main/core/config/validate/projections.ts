import { isSignalType } from '../../signals/signal-types';
import type { SignalType } from '../../signals/signal-types';
import type { DiagnosticSink, KeyPath } from '../diagnostics';
import type { Projections } from '../schema/projections';
import { COMPLEXITY_LEVELS, complexityBase, declaredSignalNames } from './declared';
import { suggest } from './models';
import type { RawProfile } from './profiles';

const PARTITION_SEMANTICS = new Set(['exclusive', 'softmax_exclusive']);
const VALUE_SOURCES = new Set(['', 'binary', 'confidence', 'raw']);
const MAPPING_METHODS = new Set(['threshold_bands', 'multi_emit']);

/** Reference §3.1 and §3.6, for one profile. Returns the declared mapping outputs. */
export function validateProjections(profile: RawProfile, sink: DiagnosticSink): Set<string> {
  const projections: Projections = profile.routing.projections ?? {};
  const declared = declaredSignalNames(profile.routing.signals ?? {});
  const base: KeyPath = [...profile.path, 'projections'];

  projections.partitions?.forEach((partition, i) =>
    checkPartition(partition, [...base, 'partitions', i], declared, sink),
  );

  const scoreNames = new Set<string>();
  projections.scores?.forEach((score, i) => {
    const path = [...base, 'scores', i];
    if (score.name.trim() === '')
      sink.error('missing_name', [...path, 'name'], 'a score needs a name');
    else if (scoreNames.has(score.name))
      sink.error('duplicate_name', [...path, 'name'], `score "${score.name}" is declared twice`);
    scoreNames.add(score.name);
  });

  const outputs = new Set<string>();
  const mappingsBySource = new Map<string, string[]>();
  projections.mappings?.forEach((mapping, i) => {
    const path = [...base, 'mappings', i];
    if (!scoreNames.has(mapping.source)) {
      sink.error(
        'unknown_score',
        [...path, 'source'],
        `mapping "${mapping.name}" reads score "${mapping.source}", which is not declared${suggest(mapping.source, scoreNames)}`,
      );
    }
    const method = mapping.method ?? 'threshold_bands';
    if (!MAPPING_METHODS.has(method))
      sink.error(
        'invalid_value',
        [...path, 'method'],
        'mapping method must be threshold_bands or multi_emit',
      );
    if (method === 'multi_emit' && mapping.outputs.length < 2)
      sink.error('invalid_value', [...path, 'outputs'], 'multi_emit needs at least two outputs');
    if (mapping.outputs.length === 0)
      sink.error('empty_list', [...path, 'outputs'], 'a mapping needs at least one output');
    const calibration = mapping.calibration?.method;
    if (calibration !== undefined && calibration !== '' && calibration !== 'sigmoid_distance') {
      sink.error(
        'invalid_value',
        [...path, 'calibration', 'method'],
        'calibration method must be sigmoid_distance',
      );
    }
    mapping.outputs.forEach((output, o) => {
      const outPath = [...path, 'outputs', o];
      const bounds = ['gt', 'gte', 'lt', 'lte'].filter((b) => output[b as 'gt'] !== undefined);
      if (bounds.length === 0)
        sink.error(
          'missing_bound',
          outPath,
          `output "${output.name}" needs at least one of gt, gte, lt, lte`,
        );
      if (output.gt !== undefined && output.gte !== undefined)
        sink.error('conflicting_bounds', outPath, `output "${output.name}" sets both gt and gte`);
      if (output.lt !== undefined && output.lte !== undefined)
        sink.error('conflicting_bounds', outPath, `output "${output.name}" sets both lt and lte`);
      if (outputs.has(output.name))
        sink.error(
          'duplicate_name',
          [...outPath, 'name'],
          `projection output "${output.name}" is declared twice (output names are global)`,
        );
      outputs.add(output.name);
    });
    mappingsBySource.set(mapping.source, [
      ...(mappingsBySource.get(mapping.source) ?? []),
      mapping.name,
    ]);
  });

  const scoreDeps = new Map<string, string[]>();
  projections.scores?.forEach((score, i) => {
    const path = [...base, 'scores', i];
    if ((score.method ?? 'weighted_sum') !== 'weighted_sum')
      sink.error('invalid_value', [...path, 'method'], 'the only score method is weighted_sum');
    if (score.inputs.length === 0)
      sink.error('empty_list', [...path, 'inputs'], 'a score needs at least one input');
    const deps: string[] = [];
    score.inputs.forEach((input, n) => {
      const inPath = [...path, 'inputs', n];
      const type = input.type.toLowerCase();
      const source = input.value_source ?? '';
      if (type === 'kb_metric') {
        if (!input.kb || !input.metric)
          sink.error('missing_value', inPath, 'a kb_metric input needs kb and metric');
        if (source !== '' && source !== 'score')
          sink.error(
            'invalid_value',
            [...inPath, 'value_source'],
            'a kb_metric input only takes value_source: score',
          );
        return;
      }
      if (type === 'projection') {
        if (source !== '' && source !== 'score' && source !== 'confidence')
          sink.error(
            'invalid_value',
            [...inPath, 'value_source'],
            'a projection input takes value_source score or confidence',
          );
        const name = input.name ?? '';
        if (source === 'confidence') {
          if (!outputs.has(name))
            sink.error(
              'unknown_projection',
              [...inPath, 'name'],
              `"${name}" is not a declared projection output${suggest(name, outputs)}`,
            );
        } else if (!scoreNames.has(name)) {
          sink.error(
            'unknown_score',
            [...inPath, 'name'],
            `"${name}" is not a declared score${suggest(name, scoreNames)}`,
          );
        } else {
          deps.push(name);
        }
        return;
      }
      if (!isSignalType(type)) {
        sink.error(
          'invalid_leaf_type',
          [...inPath, 'type'],
          `"${input.type}" is not a signal type, kb_metric or projection`,
        );
        return;
      }
      if (!VALUE_SOURCES.has(source))
        sink.error(
          'invalid_value',
          [...inPath, 'value_source'],
          'value_source must be binary, confidence or raw',
        );
      checkSignalReference(type, input.name ?? '', declared, [...inPath, 'name'], sink);
    });
    scoreDeps.set(score.name, deps);
  });
  reportCycles(scoreDeps, projections.scores?.map((s) => s.name) ?? [], base, sink);
  return outputs;
}

function checkPartition(
  partition: NonNullable<Projections['partitions']>[number],
  path: KeyPath,
  declared: Map<SignalType, Set<string>>,
  sink: DiagnosticSink,
): void {
  const semantics = partition.semantics ?? 'exclusive';
  if (!PARTITION_SEMANTICS.has(semantics))
    sink.error(
      'invalid_value',
      [...path, 'semantics'],
      'partition semantics must be exclusive or softmax_exclusive',
    );
  if (semantics === 'softmax_exclusive' && !((partition.temperature ?? 0) > 0)) {
    sink.error(
      'invalid_value',
      [...path, 'temperature'],
      'softmax_exclusive needs a temperature above 0',
    );
  }
  if (partition.members.length === 0) {
    sink.error('empty_list', [...path, 'members'], 'a partition needs members');
    return;
  }
  const domains = declared.get('domain') ?? new Set();
  const embeddings = declared.get('embedding') ?? new Set();
  const inDomains = partition.members.every((m) => domains.has(m));
  const inEmbeddings = partition.members.every((m) => embeddings.has(m));
  if (!inDomains && !inEmbeddings) {
    const stray = partition.members.filter((m) => !domains.has(m) && !embeddings.has(m));
    const detail =
      stray.length > 0
        ? `undeclared: ${stray.join(', ')}`
        : 'they mix domain and embedding signals';
    sink.error(
      'invalid_partition',
      [...path, 'members'],
      `partition members must all be declared signals of one type, domain or embedding (${detail})`,
    );
  }
  if (partition.default === undefined || partition.default === '')
    sink.error('missing_value', [...path, 'default'], 'a partition needs a default member');
  else if (!partition.members.includes(partition.default))
    sink.error(
      'invalid_value',
      [...path, 'default'],
      `default "${partition.default}" is not one of the members`,
    );
}

/** Signal references in scores and decisions: undeclared names never match. */
export function checkSignalReference(
  type: SignalType,
  name: string,
  declared: Map<SignalType, Set<string>>,
  path: KeyPath,
  sink: DiagnosticSink,
): void {
  const names = declared.get(type) ?? new Set<string>();
  if (type === 'complexity') {
    const { base, level } = complexityBase(name);
    if (!names.has(base))
      sink.error(
        'unknown_signal',
        path,
        `complexity signal "${base}" is not declared${suggest(base, names)}`,
      );
    else if (level === undefined || !COMPLEXITY_LEVELS.has(level))
      sink.error(
        'invalid_value',
        path,
        `complexity references name a level: "${base}:easy", ":medium" or ":hard"`,
      );
    return;
  }
  if (!names.has(name))
    sink.error(
      'unknown_signal',
      path,
      `${type} signal "${name}" is not declared${suggest(name, names)}`,
    );
}

function reportCycles(
  deps: Map<string, string[]>,
  order: string[],
  base: KeyPath,
  sink: DiagnosticSink,
): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, trail: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const index = order.indexOf(name);
      sink.error(
        'score_cycle',
        [...base, 'scores', index],
        `scores depend on each other in a cycle: ${[...trail, name].join(' → ')}`,
      );
      return;
    }
    state.set(name, 'visiting');
    for (const dep of deps.get(name) ?? []) visit(dep, [...trail, name]);
    state.set(name, 'done');
  };
  for (const name of order) visit(name, []);
}
