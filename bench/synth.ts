/**
 * Synthetic data for the benchmarks: the base graph (seed/data) ×N, written as Dataset seed files
 * (docs/data-model.md) and loaded through the seed loader's `applyFiles`.
 *
 * Size ×N = the base data plus N−1 renamed copies of every entity in it. Copy k inserts `xKK-` after
 * the first `/` of every id (`svc/face-recognition-payment` → `svc/x07-face-recognition-payment`,
 * `kr/pipa/art-23` → `kr/x07-pipa/art-23`) and of every reference, so each copy is a complete,
 * self-consistent regulatory world (regulations, provisions with versions, capabilities and data
 * categories, service types, institutions, designations, obligations) that shares the base's
 * bilingual concept vocabulary. A copy's flagship question has nearly the answer
 * of the base one (plus the base's untriggered sandbox-only duties, which bind every designated
 * service), so the cost of a question at ×N measures what the extra data costs the lookups and
 * traversals, not a bigger answer. The matcher index does grow ×N.
 *
 *   npx tsx bench/synth.ts --copies 99 --out .data/bench-synth     (writes copy-01.json … copy-99.json)
 *   npx tsx bench/synth.ts --copies 999 --varied-text              (×1000, texts recombined from ../shared/laws: .data/bench-synth-varied)
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { BASE_DATA_DIR, seedFilesIn } from '../seed/index.ts';
import { baseTexts, englishSentences, readLawArticles, varyTexts, VariedText } from './varied-text.ts';

/** Keys whose values are ids (a string, a list of strings, or — for `provisions`/`obligations` at
 * the top of a section — a list of objects that hold ids themselves). */
const ID_KEYS = new Set([
  'id',
  'amendment',
  'provisions',
  'provision',
  'obligations',
  'obligation',
  'serviceTypes',
  'serviceType',
  'capabilities',
  'dataCategories',
  'designations',
  'broader',
  'group',
  'institution',
  'deployment',
  'legalBasis',
  'regulation',
  'addressees',
  'definedBy',
]);

export const copyTag = (k: number): string => `x${String(k).padStart(2, '0')}`;

/** `svc/face-recognition-payment` → `svc/x07-face-recognition-payment`. */
export function renameId(id: string, k: number): string {
  const i = id.indexOf('/');
  return i < 0 ? `${copyTag(k)}-${id}` : `${id.slice(0, i + 1)}${copyTag(k)}-${id.slice(i + 1)}`;
}

function rename(value: unknown, k: number, key: string | null): unknown {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' && key && ID_KEYS.has(key) ? renameId(v, k) : rename(v, k, key)));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [kk, v] of Object.entries(value as Record<string, unknown>)) out[kk] = rename(v, k, kk);
    return out;
  }
  if (typeof value === 'string' && key && ID_KEYS.has(key)) return renameId(value, k);
  return value;
}

export interface BaseDocs {
  files: string[];
  /** Dataset documents of the base data (Amendment files are not copied). */
  datasets: Record<string, unknown>[];
}

export function readBase(dir = BASE_DATA_DIR): BaseDocs {
  const files = seedFilesIn(dir);
  const datasets: Record<string, unknown>[] = [];
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    const doc = (f.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as Record<string, unknown>;
    if (doc?.kind === 'Dataset') datasets.push(doc);
  }
  return { files, datasets };
}

/**
 * Risk levels and institution types are global values, not ids: a copied obligation triggered by
 * `riskLevels: [HIGH]` would reach the HIGH service types of every copy, and the answer to one
 * question would grow ×N with the data. In a copy, such a trigger becomes the list of the copy's
 * own service types of those risk levels (same services reached, reason SERVICE_TYPE instead of
 * RISK_LEVEL); institution-type triggers are dropped from copies. Likewise a sandbox-only duty with
 * no trigger (which binds every service under designation) is triggered, in a copy, by the copy's
 * own service types.
 */
function localiseTriggers(rows: unknown[], serviceTypes: { id: string; riskLevel: string; statutoryClasses?: string[] }[]): void {
  for (const row of rows as { triggers?: Record<string, unknown>; sandboxOnly?: boolean; addressees?: string[] }[]) {
    const untriggered = !row.triggers || Object.values(row.triggers).every((v) => !Array.isArray(v) || v.length === 0);
    if (!row.sandboxOnly && untriggered && (row.addressees ?? []).length > 0) {
      // A duty bound only by its addressee (AI Basic Act Art. 33(1)) binds every service: in a copy, the copy's own.
      row.triggers = { serviceTypes: serviceTypes.map((s) => s.id) };
      continue;
    }
    if (row.sandboxOnly && untriggered) {
      // A sandbox-only duty without triggers binds every sandboxed service: in a copy, every service of that copy.
      row.triggers = { serviceTypes: serviceTypes.map((s) => s.id) };
      continue;
    }
    const t = row.triggers;
    if (!t) continue;
    const levels = t.riskLevels as string[] | undefined;
    if (levels?.length) {
      const ids = serviceTypes.filter((s) => levels.includes(s.riskLevel)).map((s) => s.id);
      t.serviceTypes = [...new Set([...((t.serviceTypes as string[] | undefined) ?? []), ...ids])];
    }
    // Statutory classes are global values too: in a copy, the copy's own service types of that class.
    const classes = t.statutoryClasses as string[] | undefined;
    if (classes?.length) {
      const ids = serviceTypes.filter((s) => (s.statutoryClasses ?? []).some((c) => classes.includes(c))).map((s) => s.id);
      t.serviceTypes = [...new Set([...((t.serviceTypes as string[] | undefined) ?? []), ...ids])];
    }
    delete t.riskLevels;
    delete t.statutoryClasses;
    delete t.institutionTypes;
  }
}

/** Copy k of the base data as one Dataset document (all sections merged); with `texts`, every provision and obligation text its own (bench/varied-text.ts). */
export function copyDataset(base: BaseDocs, k: number, texts?: VariedText): Record<string, unknown> {
  const merged: Record<string, unknown[]> = {};
  for (const d of base.datasets) {
    for (const [section, rows] of Object.entries(d)) {
      // The bilingual vocabulary is the domain's, shared by every copy (references to it keep the
      // base ids): 100 copies of concepts with the same labels would tag every text 100 times over
      // and grow the matcher index ×100 per document, which no real vocabulary does.
      if (!Array.isArray(rows) || section === 'concepts') continue;
      (merged[section] ??= []).push(...(rename(rows, k, null) as unknown[]));
    }
  }
  localiseTriggers(merged.obligations ?? [], (merged.serviceTypes ?? []) as { id: string; riskLevel: string; statutoryClasses?: string[] }[]);
  // The base data's own risk-level duties are global too: they would reach every copy's service
  // types of that level and make a copy's answer larger than the base one (measured: 43 results
  // instead of 31 for face-recognition payment). A copy's risk-level duties are localised above,
  // so its service types need no level of their own. (The base's sandbox-only duties without a
  // trigger still bind every designated service, copies included: by design of the law.)
  for (const t of (merged.serviceTypes ?? []) as { riskLevel?: string | null; statutoryClasses?: string[] }[]) {
    t.riskLevel = null;
    delete t.statutoryClasses;
  }
  const doc: Record<string, unknown> = {
    kind: 'Dataset',
    id: `bench-synthetic-${copyTag(k)}`,
    description: `Benchmark data: copy ${k} of the base data with every id renamed${texts ? ' and texts recombined from the statutes' : ''} (bench/synth.ts)`,
    ...merged,
  };
  if (texts) varyTexts(doc, texts, k);
  return doc;
}

/** The varied-text generator for `base` (statute articles of ../shared/laws, the base's English sentences). */
export function variedTextFor(base: BaseDocs, seed = 16): VariedText {
  const { ko, en } = baseTexts(base.datasets);
  return new VariedText(readLawArticles(), englishSentences(en), seed, [...ko, ...en]);
}

/**
 * Writes copies `from..to` (inclusive) to `outDir` (skipping files whose content is unchanged); returns their paths.
 * With `variedText`, copies 1..from−1 are generated too (not written): a text is unique across all
 * copies, so copy k's texts depend on the copies before it.
 */
export function writeCopies(base: BaseDocs, from: number, to: number, outDir: string, opts: { variedText?: boolean; seed?: number } = {}): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const texts = opts.variedText ? variedTextFor(base, opts.seed) : undefined;
  if (texts) for (let k = 1; k < from; k++) copyDataset(base, k, texts);
  const out: string[] = [];
  for (let k = from; k <= to; k++) {
    const p = path.join(outDir, `copy-${String(k).padStart(2, '0')}.json`);
    const text = `${JSON.stringify(copyDataset(base, k, texts), null, 1)}\n`;
    if (!fs.existsSync(p) || fs.readFileSync(p, 'utf8') !== text) fs.writeFileSync(p, text);
    out.push(p);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { copies: { type: 'string', default: '99' }, out: { type: 'string' }, 'varied-text': { type: 'boolean', default: false }, seed: { type: 'string', default: '16' } },
  });
  const n = Number(values.copies);
  const varied = values['varied-text']!;
  const out = values.out ?? (varied ? '.data/bench-synth-varied' : '.data/bench-synth');
  const files = writeCopies(readBase(), 1, n, out, { variedText: varied, seed: Number(values.seed) });
  console.log(`wrote ${files.length} synthetic copies${varied ? ' with varied texts' : ''} to ${out}`);
}
