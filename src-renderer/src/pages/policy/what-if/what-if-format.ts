import type { ApiErrorData, WhatIfRoute } from '../../../../../src-main/contract';

// Words and numbers for the what-if panel.

/** Digits enough to show the smallest of these sums (tokens cost tiny amounts). */
export function digitsFor(...values: number[]): number {
  const smallest = Math.min(...values.filter((v) => v !== 0).map(Math.abs));
  return Number.isFinite(smallest) && smallest < 1 ? 4 : 2;
}

/** A sum of money. */
export function money(value: number, currency: string | null, digits = digitsFor(value)): string {
  const text = value.toFixed(digits);
  return currency ? `${text} ${currency}` : text;
}

/** Savings: positive when the edit costs less. */
export function savings(before: number, after: number, currency: string | null): string {
  const saved = before - after;
  if (saved === 0) return 'costs the same';
  return saved > 0 ? `saves ${money(saved, currency)}` : `costs ${money(-saved, currency)} more`;
}

export function decisionOf(route: WhatIfRoute): string {
  return route.decision ?? 'default';
}

export function laneOf(route: WhatIfRoute): string {
  return route.lane ?? 'no lane';
}

/** The time of a request, short. */
export function when(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export interface LocatedProblem {
  line: number;
  column: number;
  message: string;
}

/** The located problems of an edit the core refused, if that is why it failed. */
export function problemsOf(error: ApiErrorData): LocatedProblem[] {
  const details = error.details as { reason?: unknown; diagnostics?: unknown } | undefined;
  if (details?.reason !== 'invalid_policy' || !Array.isArray(details.diagnostics)) return [];
  return details.diagnostics.filter(
    (p): p is LocatedProblem & { severity: string } =>
      typeof p === 'object' &&
      p !== null &&
      typeof (p as LocatedProblem).line === 'number' &&
      typeof (p as LocatedProblem).message === 'string' &&
      (p as { severity?: unknown }).severity !== 'warning',
  );
}
