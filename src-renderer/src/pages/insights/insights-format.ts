// Numbers for the Insights cards and chart axes.

export function formatCount(value: number): string {
  return new Intl.NumberFormat('en').format(value);
}

export function formatMoney(value: number, currency: string): string {
  const digits = value !== 0 && Math.abs(value) < 0.01 ? 4 : 2;
  try {
    return new Intl.NumberFormat('en', {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(value);
  } catch {
    return `${value.toFixed(digits)} ${currency}`;
  }
}

/** A share as a whole percent; "—" when there is nothing to share. */
export function formatShare(part: number, whole: number): string {
  if (whole <= 0) return '—';
  return `${Math.round((part / whole) * 100)}%`;
}
