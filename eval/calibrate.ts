/**
 * Confidence calibration: how often the top result is relevant, per confidence tier, and the
 * confidenceScore thresholds that reach a target precision@1 on development queries.
 *
 *   npm run eval:match -- --half dev --calibrate    tiers measured on dev (what the defaults come from)
 *   npm run eval:match -- --half test --calibrate   the same tiers on the test half
 */
import type { MatchResult } from '../matcher/index.ts';
import type { Half } from './split.ts';

export interface CalibrationSample { set: string; system: string; half: Half; results: MatchResult[]; relevant: Set<string> }

const pct = (a: number, b: number) => (b ? (a / b).toFixed(2) : '—');

/** Per set and half: share of queries whose top result is HIGH / MEDIUM / LOW, and precision@1 in each. */
export function calibrationReport(samples: CalibrationSample[]): string {
  const lines = [
    '| set | half | queries | HIGH share | HIGH P@1 | MEDIUM share | MEDIUM P@1 | LOW share | LOW P@1 | needsHumanConfirmation=false P@1 |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const keys = [...new Set(samples.map((s) => `${s.set}\0${s.half}`))];
  const total = { n: 0, tiers: new Map<string, [number, number]>(), auto: [0, 0] as [number, number] };
  const row = (label: string, half: string, xs: CalibrationSample[]) => {
    const tiers = new Map<string, [number, number]>([['HIGH', [0, 0]], ['MEDIUM', [0, 0]], ['LOW', [0, 0]]]);
    const auto: [number, number] = [0, 0];
    for (const s of xs) {
      const top = s.results[0];
      if (!top) continue;
      const hit = s.relevant.has(top.id) ? 1 : 0;
      const t = tiers.get(top.confidence)!;
      t[0] += hit; t[1]++;
      if (!top.needsHumanConfirmation) { auto[0] += hit; auto[1]++; }
    }
    const n = xs.length;
    const cells = ['HIGH', 'MEDIUM', 'LOW'].flatMap((k) => { const [h, c] = tiers.get(k)!; return [pct(c, n), pct(h, c)]; });
    lines.push(`| ${label} | ${half} | ${n} | ${cells.join(' | ')} | ${pct(auto[0], auto[1])} |`);
    return { tiers, auto };
  };
  for (const k of keys) {
    const [set, half] = k.split('\0') as [string, string];
    row(set, half, samples.filter((s) => s.set === set && s.half === half));
  }
  for (const half of [...new Set(samples.map((s) => s.half))]) row('**all sets**', half, samples.filter((s) => s.half === half));
  void total;
  return lines.join('\n');
}

/**
 * The lowest threshold t such that, among samples whose top result has confidenceScore ≥ t,
 * precision@1 is at least `target` (and at least `minCount` samples remain). Pools all sets: one
 * threshold serves every corpus, as the product has no per-set switch.
 */
export function thresholdFor(samples: CalibrationSample[], target: number, minCount = 20): number {
  const tops = samples.flatMap((s) => (s.results[0] ? [{ c: s.results[0].confidenceScore, hit: s.relevant.has(s.results[0].id) }] : []));
  tops.sort((a, b) => b.c - a.c);
  let best = 1;
  let hits = 0;
  for (let i = 0; i < tops.length; i++) {
    hits += tops[i]!.hit ? 1 : 0;
    const last = i + 1 === tops.length || tops[i + 1]!.c < tops[i]!.c;
    if (last && i + 1 >= minCount && hits / (i + 1) >= target) best = tops[i]!.c;
  }
  return best;
}
