import { performance } from 'node:perf_hooks';
import type { Profile, RouterConfig } from '../config/router-config';
import type { Decision } from '../config/schema/decisions';
import type { DomainRule } from '../config/schema/signals';
import { selectModel } from '../decisions/model-selection';
import type { ModelSelection } from '../decisions/model-selection';
import { compileRule, evaluateCompiled } from '../decisions/rule-tree';
import type { CompiledRule, RuleContext } from '../decisions/rule-tree';
import { selectBestDecision } from '../decisions/select';
import { modelForFamily } from '../ml/model-roles';
import type { MlRuntime } from '../ml/types';
import { applyPartitions } from '../projections/partitions';
import { applyProjections } from '../projections/apply-projections';
import type { ProjectionTrace } from '../projections/trace';
import { SIGNAL_MODULES } from '../signals/registry';
import type { LoadedKb, PreparedSignal, SignalInput } from '../signals/signal-module';
import { SIGNAL_INFO, SIGNAL_TYPES } from '../signals/signal-types';
import type { SignalType } from '../signals/signal-types';
import { buildTextViews } from '../signals/text-views';
import { applyComposers, applyEmbeddingTopKPolicy } from './post-signals';
import type { RoutingRequest } from './request';
import { RoutingError, resolveRoute } from './resolve-route';
import { emptySignalState } from './signal-state';
import type { SignalState } from './signal-state';
import { mergeOutput, runSignalFamilies } from './run-signals';
import { toRecord, traceReasoning, traceSkeleton } from './trace-build';
import { newTraceId } from './trace-id';
import type { DecisionTrace, RoutingTrace } from './trace';
import { usedSignalTypes } from './used-signals';

export interface RouterOptions {
  ml?: MlRuntime;
  kbs?: ReadonlyMap<string, LoadedKb>;
}

export interface RouteOptions {
  /** Run every configured family, used or not (the eval API does). */
  evaluateAll?: boolean;
  /** Evaluate authz from request headers (request path only; not eval). */
  authz?: boolean;
  /** Families to run even when no decision reads them (their matches only inform the trace). */
  alsoEvaluate?: readonly SignalType[];
}

interface PreparedProfile {
  profile: Profile;
  families: Map<SignalType, PreparedSignal>;
  ruleCounts: Map<SignalType, number>;
  used: Set<SignalType>;
  domains: Map<string, DomainRule>;
  declared: { domain: Set<string>; embedding: Set<string> };
  rules: Map<string, CompiledRule>;
  composers: Map<string, CompiledRule>;
}

/**
 * The routing engine for one loaded config: request → RoutingTrace. Signal
 * families are compiled once here; `route` runs them, then partitions,
 * composers, top-k, projections and decisions, in upstream's order.
 */
export class Router {
  private constructor(
    readonly config: RouterConfig,
    private readonly profiles: Map<string, PreparedProfile>,
    private readonly ml: MlRuntime,
  ) {}

  static async create(config: RouterConfig, options: RouterOptions = {}): Promise<Router> {
    const ml = options.ml ?? {};
    const env = { ml, global: config.global, kbs: options.kbs ?? new Map() };
    const profiles = new Map<string, PreparedProfile>();
    for (const profile of config.profiles.values()) {
      const families = new Map<SignalType, PreparedSignal>();
      const ruleCounts = new Map<SignalType, number>();
      for (const type of SIGNAL_TYPES) {
        const rules = profile.signals[SIGNAL_INFO[type].configKey] as never[] | undefined;
        if (!rules || rules.length === 0) continue;
        families.set(type, await SIGNAL_MODULES[type].prepare(rules, env));
        ruleCounts.set(type, rules.length);
      }
      profiles.set(profile.name, {
        profile,
        families,
        ruleCounts,
        used: usedSignalTypes(profile),
        domains: new Map((profile.signals.domains ?? []).map((d) => [d.name, d])),
        declared: {
          domain: new Set((profile.signals.domains ?? []).map((d) => d.name)),
          embedding: new Set((profile.signals.embeddings ?? []).map((e) => e.name)),
        },
        rules: new Map(profile.decisions.map((d) => [d.name, compileRule(d.rules)])),
        composers: new Map(
          (profile.signals.complexity ?? [])
            .filter((c) => c.composer)
            .map((c) => [c.name, compileRule(c.composer)]),
        ),
      });
    }
    return new Router(config, profiles, ml);
  }

  /** Routes one request. Throws RoutingError for an unknown model or a refused identity. */
  async route(request: RoutingRequest, options: RouteOptions = {}): Promise<RoutingTrace> {
    const started = performance.now();
    const route = resolveRoute(this.config, request.model);
    const views = buildTextViews(request);
    const trace = traceSkeleton(newTraceId(), route, views.currentUserText || views.signalText);
    const prepared = route.profile === null ? undefined : this.profiles.get(route.profile);
    if (!prepared) {
      // Passthrough: a concrete model was named; nothing is evaluated.
      return finish(trace, passthroughSelection(this.config, route.requestedModel), started);
    }

    const state = emptySignalState();
    const input: SignalInput = { request, views, ...this.queryEmbedding(views.semanticText) };
    const hasInput = views.signalText !== '' || Object.keys(request.metadata ?? {}).length > 0;
    const signalsStart = performance.now();
    const run = hasInput
      ? await runSignalFamilies(prepared.families, prepared.used, input, state, {
          evaluateAll: options.evaluateAll === true,
          ...(options.alsoEvaluate ? { alsoEvaluate: new Set(options.alsoEvaluate) } : {}),
          authz: options.authz === true,
          ruleCounts: prepared.ruleCounts,
        })
      : { traces: {} };
    trace.signals = run.traces;
    annotateModels(trace.signals, this.ml);
    trace.timings.signals_ms = performance.now() - signalsStart;

    const projectionsStart = performance.now();
    const partitions = applyPartitions(
      prepared.profile.projections.partitions ?? [],
      prepared.declared,
      state,
    );
    const ruleContext = { state, domains: prepared.domains };
    applyComposers(prepared.composers, state, ruleContext);
    applyEmbeddingTopKPolicy(this.config.global, state);
    const { scores, mappings } = applyProjections(prepared.profile.projections, state);
    trace.projections = {
      schema_version: '1',
      partitions,
      scores,
      mappings,
    } satisfies ProjectionTrace;
    if (run.authz) {
      if (run.authz.status === 'error')
        throw new RoutingError('forbidden', run.authz.reason ?? 'the request carries no identity');
      mergeOutput(state, 'authz', run.authz);
    }
    trace.timings.projections_ms = performance.now() - projectionsStart;

    const decisionsStart = performance.now();
    const evaluated = hasInput
      ? evaluateDecisions(prepared.profile.decisions, prepared.rules, ruleContext)
      : [];
    const winner = selectBestDecision(
      evaluated.filter((d) => d.matched),
      prepared.profile.strategy,
    );
    trace.decisions = evaluated;
    trace.timings.decisions_ms = performance.now() - decisionsStart;

    const decision = winner
      ? prepared.profile.decisions.find((d) => d.name === winner.name)
      : undefined;
    recordState(trace, state);
    if (decision && winner) {
      trace.decision = decision.name;
      trace.decision_confidence = winner.confidence;
      trace.decision_tier = winner.tier;
      trace.decision_priority = winner.priority;
      trace.matched_rules = winner.matched_rules;
      trace.algorithm = decision.algorithm?.type || 'static';
      trace.plugins = (decision.plugins ?? []).map((p) => ({
        type: p.type,
        configuration: p.configuration ?? {},
      }));
    }
    return finish(trace, selectModel(this.config, decision), started);
  }

  private queryEmbedding(text: string): Pick<SignalInput, 'queryEmbedding'> {
    const embedder = this.ml.embedder;
    if (!embedder) return {};
    let pending: Promise<Float32Array> | undefined;
    return {
      queryEmbedding: () => {
        pending ??= embedder.embed([text]).then((vectors) => {
          const first = vectors[0];
          if (!first) throw new Error('the embedding model returned no vector');
          return first;
        });
        return pending;
      },
    };
  }
}

function evaluateDecisions(
  decisions: readonly Decision[],
  rules: ReadonlyMap<string, CompiledRule>,
  ctx: RuleContext,
): DecisionTrace[] {
  return decisions.map((decision) => {
    const result = evaluateCompiled(rules.get(decision.name) ?? compileRule(decision.rules), ctx);
    return {
      name: decision.name,
      matched: result.matched,
      confidence: result.confidence,
      tier: decision.tier ?? 0,
      priority: decision.priority ?? 0,
      matched_rules: result.matchedRules,
      root: result.trace,
    };
  });
}

function annotateModels(signals: RoutingTrace['signals'], ml: MlRuntime): void {
  for (const [type, family] of Object.entries(signals)) {
    if (family.status !== 'ok') continue;
    const model = modelForFamily(ml, type as SignalType);
    if (model) {
      family.model = {
        id: model.id,
        ...(model.executionProvider ? { execution_provider: model.executionProvider } : {}),
      };
    }
  }
}

function recordState(trace: RoutingTrace, state: SignalState): void {
  trace.matched_signals = Object.fromEntries(
    [...state.matched].map(([type, names]) => [type, [...names]]),
  );
  trace.signal_confidences = toRecord(state.confidences);
  trace.signal_values = toRecord(state.values);
  trace.signal_errors = toRecord(state.errors);
  trace.kb_metrics = toRecord(state.kbMetrics);
  trace.unavailable_signals = Object.entries(trace.signals)
    .filter(([, family]) => family.status === 'unavailable')
    .map(([type, family]) => ({ type, reason: family.reason ?? 'unavailable' }));
  const tokens = trace.signals['context']?.details?.['tokenCount'];
  trace.token_count = typeof tokens === 'number' ? tokens : null;
}

function passthroughSelection(config: RouterConfig, alias: string): ModelSelection {
  const info = config.models.get(alias);
  return {
    model: alias,
    upstreamModel: info?.upstreamModelId ?? alias,
    method: 'passthrough',
    status: 'selected',
    reason: 'a concrete model was requested; routing is skipped',
    reasoning: { enabled: false },
    recommended: [],
  };
}

function finish(trace: RoutingTrace, selection: ModelSelection, started: number): RoutingTrace {
  trace.model = selection.model;
  trace.upstream_model = selection.upstreamModel;
  trace.recommended_models = selection.recommended;
  trace.selection = {
    method: selection.method,
    status: selection.status,
    reason: selection.reason,
  };
  trace.reasoning = traceReasoning(selection.reasoning);
  trace.latency_ms = performance.now() - started;
  return trace;
}
