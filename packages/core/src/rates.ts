/** A share in [0, 1], or null when there is nothing to divide by (never NaN, never a fake 0). */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}
