// Summaries of timing samples: the median and the spread (p10/p90, IQR), never the mean alone,
// because a noisy 2-core machine produces outliers that would drag a mean around.

/** The q-quantile (0..1) of sorted numbers, linear between neighbours. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/** { n, median, p10, p25, p75, p90, min, max, mean } of the samples (ms). */
export function summarize(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const mean = s.reduce((sum, x) => sum + x, 0) / (s.length || 1);
  return {
    n: s.length,
    median: quantile(s, 0.5),
    p10: quantile(s, 0.1),
    p25: quantile(s, 0.25),
    p75: quantile(s, 0.75),
    p90: quantile(s, 0.9),
    min: s[0],
    max: s[s.length - 1],
    mean,
  };
}

/** Random order of the given items (Fisher–Yates), so no contender always runs first. */
export function shuffled(items) {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
