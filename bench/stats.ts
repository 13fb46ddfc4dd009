/** Latency samples in milliseconds → the figures a table prints. */
export function summarise(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { n: s.length, p50: at(0.5), p95: at(0.95), max: s[s.length - 1], mean: s.reduce((a, b) => a + b, 0) / s.length };
}

export async function time(times: number, fn: () => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

let peak = 0;
/** Samples resident memory, so the report can give the run's peak. */
export const sampleMemory = () => { peak = Math.max(peak, process.memoryUsage().rss); };
export const peakMemoryMiB = () => Math.round(Math.max(peak, process.resourceUsage().maxRSS * 1024) / 1048576);
