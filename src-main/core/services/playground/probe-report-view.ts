import type { PlaygroundProbes, ProbeProblem, ProbeVariantResult } from '../../../contract';
import type { Diagnostic } from '../../config/diagnostics';
import type { ProbeReport, VariantResult } from '../../probes/run-probes';

// The probe runner's report and the loader's diagnostics as the contract
// carries them to the Playground's Probes tab. Plain data in, plain data out.

export function problemView(diagnostic: Diagnostic): ProbeProblem {
  return {
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: diagnostic.message,
    line: diagnostic.line ?? null,
    column: diagnostic.column ?? null,
    path: diagnostic.path,
  };
}

export function variantView(result: VariantResult): ProbeVariantResult {
  const split = result.id.indexOf(':');
  return {
    id: result.id,
    group: split < 0 ? result.id : result.id.slice(0, split),
    variant: split < 0 ? '' : result.id.slice(split + 1),
    passed: result.passed,
    expectedDecision: result.expected_decision,
    decision: result.decision,
    model: result.model,
    failures: result.failures,
    waitingOnModels: result.waiting_on_models,
    latencyMs: result.latency_ms,
  };
}

export function probesView(
  fileName: string,
  diagnostics: readonly Diagnostic[],
  report: ProbeReport | null,
): PlaygroundProbes {
  return {
    fileName,
    name: report?.name ?? null,
    problems: diagnostics.map(problemView),
    results: report ? report.results.map(variantView) : [],
    passed: report?.passed ?? 0,
    failed: report?.failed ?? 0,
  };
}
