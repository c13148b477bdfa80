/**
 * Summarises V8 CPU profiles (`node --cpu-prof`, e.g. from `npm run bench -- --cpu-prof`) by where
 * self time goes: per package (node_modules/<pkg>) or project file, and the top functions.
 *
 *   npx tsx bench/profile-summary.ts .data/bench-prof/*.cpuprofile [--top 25]
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

export function bucketOf(url: string): string {
  if (!url) return '(native/gc/idle)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return 'node:internal';
  const m = /\/work\/[^/]+\/(.*)$/.exec(url.replace('file://', ''));
  return m ? m[1]!.split('/').slice(0, 2).join('/') : url;
}

export function summarise(files: string[], top = 25): string {
  const byBucket = new Map<string, number>();
  const byFn = new Map<string, number>();
  let total = 0;
  for (const f of files) {
    const p = JSON.parse(fs.readFileSync(f, 'utf8')) as Profile;
    const nodes = new Map(p.nodes.map((n) => [n.id, n]));
    p.samples.forEach((id, i) => {
      const n = nodes.get(id)!;
      const dt = p.timeDeltas[i] ?? 0;
      const name = n.callFrame.functionName || '(anonymous)';
      if (name === '(idle)' || name === '(program)') return;
      total += dt;
      const b = name === '(garbage collector)' ? '(gc)' : bucketOf(n.callFrame.url);
      byBucket.set(b, (byBucket.get(b) ?? 0) + dt);
      const file = n.callFrame.url.split('/').slice(-2).join('/');
      const key = `${name} ${bucketOf(n.callFrame.url)} ${file}:${n.callFrame.lineNumber + 1}`;
      byFn.set(key, (byFn.get(key) ?? 0) + dt);
    });
  }
  const pct = (v: number) => `${((100 * v) / total).toFixed(1).padStart(5)}%`;
  const lines = [`busy CPU: ${(total / 1e6).toFixed(1)} s across ${files.length} profile(s)`, '', 'by package / project folder (self time):'];
  for (const [k, v] of [...byBucket].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(v)}  ${k}`);
  lines.push('', 'top functions (self time):');
  for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(v)}  ${k}`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
  console.log(summarise(positionals, Number(values.top)));
}
