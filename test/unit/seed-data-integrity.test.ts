import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { ancestors, indexDataset, loadDataFiles, type DatasetIndex, type Obj } from '../../seed/tools/dataset-index.ts';
import { DATA_DIR, DEFAULT_LAWS_ROOT, regulationFileName, renderLaw } from '../../seed/tools/generate-kr-regulations.ts';
import { KR_LAWS } from '../../seed/tools/kr-law-specs.ts';
import { NOT_HELD_KO } from '../../seed/tools/kr-versions.ts';
import { parseLawFile } from '../../seed/tools/law-files.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const SCHEMA_DIR = join(ROOT, 'seed/schema');

// The fields docs/data-model.md §1 allows, per entity (unknown fields are errors).
const FIELDS: Record<string, string[]> = {
  dataset: ['kind', 'id', 'description', 'regulations', 'amendments', 'concepts', 'capabilities', 'dataCategories', 'serviceTypes', 'institutions', 'addresseeRoles', 'obligations', 'designations'],
  regulation: ['id', 'nameKo', 'nameEn', 'shortKo', 'shortEn', 'jurisdiction', 'instrumentType', 'binding', 'lawNumber', 'promulgatedOn', 'inForceFrom', 'applicableFrom', 'textAsOf', 'sourceUrl', 'sourceKind', 'provisions'],
  provision: ['id', 'article', 'citationKo', 'citationEn', 'titleKo', 'titleEn', 'versions'],
  provisionVersion: ['validFrom', 'validTo', 'textKo', 'textEn', 'sourceUrl', 'sourceKind', 'amendment'],
  concept: ['id', 'labelKo', 'labelEn', 'aliasesKo', 'aliasesEn', 'broader'],
  capability: ['id', 'nameKo', 'nameEn', 'concepts'],
  dataCategory: ['id', 'nameKo', 'nameEn', 'broader', 'concepts'],
  serviceType: ['id', 'nameKo', 'nameEn', 'descriptionKo', 'descriptionEn', 'office', 'riskLevel', 'statutoryClasses', 'broader', 'capabilities', 'dataCategories'],
  institution: ['id', 'nameKo', 'nameEn', 'type', 'group', 'roleKo', 'roleEn', 'deployments'],
  deployment: ['id', 'serviceType', 'nameKo', 'nameEn', 'launchedOn', 'sourceUrl'],
  addresseeRole: ['id', 'nameKo', 'nameEn', 'institutionTypes', 'anyInstitutionType', 'definedBy', 'definitionKo', 'definitionEn'],
  obligation: ['id', 'kind', 'provisions', 'addressees', 'triggers', 'sandboxOnly', 'versions'],
  triggers: ['serviceTypes', 'capabilities', 'dataCategories', 'riskLevels', 'statutoryClasses', 'institutionTypes', 'designations'],
  obligationVersion: ['validFrom', 'validTo', 'actorKo', 'actorEn', 'statementKo', 'statementEn', 'conditionsKo', 'conditionsEn', 'amendment'],
  designation: ['id', 'nameKo', 'nameEn', 'institution', 'serviceType', 'deployment', 'legalBasis', 'designationNumber', 'batch', 'designatedOn', 'validFrom', 'validTo', 'extendedOn', 'designatedMonth', 'periodMonths', 'extendedUntil', 'deemedContinuationFrom', 'deemedContinuationUntil', 'notesKo', 'notesEn', 'sources', 'exemptions'],
  exemption: ['provision', 'effect', 'obligations', 'noteKo', 'noteEn'],
};

const ID = /^[a-z0-9][a-z0-9/._-]*$/;

function isRealDate(s: unknown): boolean {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function unknownFields(obj: Obj, allowed: string[], where: string): string[] {
  return Object.keys(obj).filter((k) => !allowed.includes(k)).map((k) => `${where}: unknown field ${k}`);
}

/** Origin (first date in force) of a provision: for KR statutes from the specs, else its first version. */
function provisionOrigin(ix: DatasetIndex, provisionId: string): string {
  for (const spec of KR_LAWS) {
    const p = spec.provisions.find((x) => `${spec.regulation.id}/art-${x.article}` === provisionId);
    if (p) {
      const first = ((ix.byKind.provision.get(provisionId)!.data['versions'] as Obj[])[0]!['validFrom']) as string;
      const origin = p.since ?? spec.baseline;
      return origin < first ? origin : first;
    }
  }
  return ((ix.byKind.provision.get(provisionId)!.data['versions'] as Obj[])[0]!['validFrom']) as string;
}

let ix: DatasetIndex;

beforeAll(() => {
  ix = indexDataset(loadDataFiles(DATA_DIR));
});

describe('seed/data: format', () => {
  it('has the base dataset files, all kind: Dataset with unique dataset ids', () => {
    expect(ix.files.length).toBeGreaterThanOrEqual(10);
    const ids = ix.files.map((f) => f.doc['id']);
    for (const f of ix.files) expect(f.doc['kind'], f.file).toBe('Dataset');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses only the fields of docs/data-model.md', () => {
    const problems: string[] = [];
    for (const { file, doc } of ix.files) {
      problems.push(...unknownFields(doc, FIELDS['dataset']!, file));
      for (const e of ix.all.filter((x) => x.file === file)) {
        const where = `${file} ${e.id}`;
        problems.push(...unknownFields(e.data, FIELDS[e.kind]!, where));
        if (e.kind === 'provision') for (const v of e.data['versions'] as Obj[]) problems.push(...unknownFields(v, FIELDS['provisionVersion']!, where));
        if (e.kind === 'obligation') {
          problems.push(...unknownFields((e.data['triggers'] ?? {}) as Obj, FIELDS['triggers']!, where));
          for (const v of e.data['versions'] as Obj[]) problems.push(...unknownFields(v, FIELDS['obligationVersion']!, where));
        }
        if (e.kind === 'designation') for (const x of (e.data['exemptions'] ?? []) as Obj[]) problems.push(...unknownFields(x, FIELDS['exemption']!, where));
      }
    }
    expect(problems).toEqual([]);
  });

  it('validates against the loader JSON Schema when it exists', (ctx) => {
    const main = join(SCHEMA_DIR, 'dataset.schema.json');
    const common = join(SCHEMA_DIR, 'common.schema.json');
    if (!existsSync(main) || !existsSync(common)) {
      console.warn('seed/schema/dataset.schema.json not found: JSON Schema check skipped');
      ctx.skip();
      return;
    }
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    (addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);
    ajv.addSchema(JSON.parse(readFileSync(common, 'utf8')) as object);
    const validate = ajv.compile(JSON.parse(readFileSync(main, 'utf8')) as object);
    const problems: string[] = [];
    for (const { file, doc } of ix.files) {
      if (!validate(doc)) problems.push(...(validate.errors ?? []).map((e) => `${file} ${e.instancePath}: ${e.message}`));
    }
    expect(problems).toEqual([]);
  });

  it('has well-formed ids, unique across all files', () => {
    const seen = new Map<string, string>();
    const problems: string[] = [];
    for (const e of ix.all) {
      if (!ID.test(e.id)) problems.push(`${e.file}: bad id ${e.id}`);
      const prev = seen.get(e.id);
      if (prev) problems.push(`duplicate id ${e.id} (${prev} and ${e.file})`);
      seen.set(e.id, e.file);
    }
    expect(problems).toEqual([]);
  });
});

describe('seed/data: references', () => {
  it('has no dangling references of any kind', () => {
    const problems: string[] = [];
    const need = (kind: keyof DatasetIndex['byKind'], id: unknown, where: string): void => {
      if (typeof id !== 'string' || !ix.byKind[kind].has(id)) problems.push(`${where}: unknown ${kind} ${String(id)}`);
    };
    for (const e of ix.all) {
      const d = e.data;
      const w = `${e.file} ${e.id}`;
      if (d['broader'] != null) need(e.kind, d['broader'], w);
      switch (e.kind) {
        case 'capability':
        case 'dataCategory':
          for (const c of (d['concepts'] ?? []) as string[]) need('concept', c, w);
          break;
        case 'serviceType':
          for (const c of (d['capabilities'] ?? []) as string[]) need('capability', c, w);
          for (const c of (d['dataCategories'] ?? []) as string[]) need('dataCategory', c, w);
          break;
        case 'institution':
          if (d['group'] != null) need('institution', d['group'], w);
          break;
        case 'deployment':
          need('serviceType', d['serviceType'], w);
          break;
        case 'addresseeRole':
          for (const p of (d['definedBy'] ?? []) as string[]) need('provision', p, w);
          break;
        case 'obligation': {
          for (const p of (d['provisions'] ?? []) as string[]) need('provision', p, w);
          for (const r of (d['addressees'] ?? []) as string[]) need('addresseeRole', r, w);
          const t = (d['triggers'] ?? {}) as Record<string, string[]>;
          for (const x of t['serviceTypes'] ?? []) need('serviceType', x, w);
          for (const x of t['capabilities'] ?? []) need('capability', x, w);
          for (const x of t['dataCategories'] ?? []) need('dataCategory', x, w);
          for (const x of t['designations'] ?? []) need('designation', x, w);
          break;
        }
        case 'designation':
          need('institution', d['institution'], w);
          need('serviceType', d['serviceType'], w);
          if (d['deployment'] != null) {
            need('deployment', d['deployment'], w);
            if (ix.deploymentInstitution.get(d['deployment'] as string) !== d['institution']) problems.push(`${w}: deployment not run by ${String(d['institution'])}`);
            const dep = ix.byKind.deployment.get(d['deployment'] as string);
            if (dep && dep.data['serviceType'] !== d['serviceType']) problems.push(`${w}: deployment is of another service type`);
          }
          for (const p of (d['legalBasis'] ?? []) as string[]) need('provision', p, w);
          for (const x of (d['exemptions'] ?? []) as Obj[]) {
            need('provision', x['provision'], w);
            for (const o of (x['obligations'] ?? []) as string[]) {
              need('obligation', o, w);
              const ob = ix.byKind.obligation.get(o);
              if (ob && !(ob.data['provisions'] as string[]).includes(x['provision'] as string)) problems.push(`${w}: exempted obligation ${o} is not derived from ${String(x['provision'])}`);
            }
          }
          break;
        default:
          break;
      }
    }
    expect(problems).toEqual([]);
  });

  it('links every capability and data category to a concept, with distinct concept labels', () => {
    for (const kind of ['capability', 'dataCategory'] as const) {
      for (const e of ix.byKind[kind].values()) expect(((e.data['concepts'] ?? []) as string[]).length, e.id).toBeGreaterThan(0);
    }
    const labels = [...ix.byKind.concept.values()].flatMap((c) => [`ko:${String(c.data['labelKo'])}`, `en:${String(c.data['labelEn'])}`]);
    expect(labels.length - new Set(labels).size).toBe(0);
  });

  it('has no broader cycles', () => {
    for (const kind of ['concept', 'dataCategory', 'serviceType'] as const) {
      for (const id of ix.byKind[kind].keys()) expect(() => ancestors(ix.byKind[kind], id)).not.toThrow();
    }
  });

  it('gives every obligation a provision and a trigger (or sandboxOnly: every designated service), every provision a regulation and a source', () => {
    const problems: string[] = [];
    for (const o of ix.byKind.obligation.values()) {
      if (((o.data['provisions'] ?? []) as string[]).length === 0) problems.push(`${o.id}: no provision`);
      const t = (o.data['triggers'] ?? {}) as Record<string, unknown[]>;
      // An obligation without triggers binds every service its addressee provides (AI Basic Act Art. 33(1)).
      if (Object.values(t).every((l) => (l ?? []).length === 0) && o.data['sandboxOnly'] !== true && ((o.data['addressees'] ?? []) as string[]).length === 0) problems.push(`${o.id}: no trigger and no addressee`);
      if (((o.data['addressees'] ?? []) as string[]).length === 0) problems.push(`${o.id}: no addressee (who must comply, in the statute's words)`);
    }
    for (const p of ix.byKind.provision.values()) {
      const reg = ix.byKind.regulation.get(ix.provisionRegulation.get(p.id) ?? '');
      if (!reg) problems.push(`${p.id}: no regulation`);
      if (!p.id.startsWith(`${reg?.id}/`)) problems.push(`${p.id}: id not under its regulation ${reg?.id}`);
      for (const v of p.data['versions'] as Obj[]) {
        if (!v['sourceUrl'] && !reg?.data['sourceUrl']) problems.push(`${p.id}@${String(v['validFrom'])}: no source`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('ties every designation to an institution and a service type, and its conditions to it', () => {
    for (const d of ix.byKind.designation.values()) {
      expect(ix.byKind.institution.has(d.data['institution'] as string), d.id).toBe(true);
      expect(ix.byKind.serviceType.has(d.data['serviceType'] as string), d.id).toBe(true);
      expect(d.data['designationNumber'] ?? null, `${d.id}: no designation number was published`).toBeNull();
    }
    for (const o of ix.byKind.obligation.values()) {
      if (o.data['kind'] !== 'DESIGNATION_CONDITION') continue;
      const t = (o.data['triggers'] ?? {}) as Record<string, string[]>;
      expect(t['designations']?.length, o.id).toBeGreaterThan(0);
      expect(o.data['provisions'] as string[], o.id).toContain('kr/fisa/art-4');
      expect(o.data['sandboxOnly'], o.id).toBe(true);
    }
  });
});

describe('seed/data: dates', () => {
  it('has valid dates and non-overlapping, ordered version intervals', () => {
    const problems: string[] = [];
    const checkVersions = (id: string, versions: Obj[]): void => {
      let prevTo: string | null | undefined;
      versions.forEach((v, i) => {
        const from = v['validFrom'];
        const to = v['validTo'] ?? null;
        if (!isRealDate(from)) problems.push(`${id}[${i}]: bad validFrom ${String(from)}`);
        if (to !== null && !isRealDate(to)) problems.push(`${id}[${i}]: bad validTo ${String(to)}`);
        if (to !== null && (to as string) <= (from as string)) problems.push(`${id}[${i}]: empty interval`);
        if (i > 0) {
          if (prevTo === null) problems.push(`${id}[${i}]: follows an open-ended version`);
          else if ((from as string) < (prevTo as string)) problems.push(`${id}[${i}]: overlaps the previous version`);
        }
        prevTo = to as string | null;
      });
    };
    for (const p of ix.byKind.provision.values()) checkVersions(p.id, p.data['versions'] as Obj[]);
    for (const o of ix.byKind.obligation.values()) checkVersions(o.id, o.data['versions'] as Obj[]);
    const dateFields = ['promulgatedOn', 'inForceFrom', 'applicableFrom', 'textAsOf', 'launchedOn', 'designatedOn', 'validFrom', 'validTo', 'extendedOn', 'extendedUntil', 'deemedContinuationFrom', 'deemedContinuationUntil'];
    for (const e of ix.all) {
      for (const f of dateFields) if (e.data[f] != null && !isRealDate(e.data[f])) problems.push(`${e.id}.${f}: bad date ${String(e.data[f])}`);
    }
    for (const d of ix.byKind.designation.values()) {
      const { designatedOn, validFrom, validTo, extendedOn } = d.data as Record<string, string | null>;
      if (validFrom && validTo && validTo <= validFrom) problems.push(`${d.id}: validTo before validFrom`);
      if (designatedOn && extendedOn && extendedOn <= designatedOn) problems.push(`${d.id}: extended before designated`);
      if (designatedOn == null && !d.data['notesEn']) problems.push(`${d.id}: unknown designation date without a note`);
      const { designatedMonth, extendedUntil, deemedContinuationFrom, deemedContinuationUntil } = d.data as Record<string, string | null>;
      if (designatedMonth != null && !/^\d{4}-(0[1-9]|1[0-2])$/.test(designatedMonth)) problems.push(`${d.id}: bad designatedMonth ${designatedMonth}`);
      if (designatedMonth && designatedOn && !designatedOn.startsWith(designatedMonth)) problems.push(`${d.id}: designatedMonth contradicts designatedOn`);
      if (extendedUntil && !extendedOn) problems.push(`${d.id}: extendedUntil without extendedOn`);
      if (deemedContinuationUntil && !deemedContinuationFrom) problems.push(`${d.id}: deemedContinuationUntil without deemedContinuationFrom`);
      // The lifecycle (subgraphs/shared/designation-lifecycle.ts) needs at least a month to say anything but UNKNOWN.
      if (!designatedOn && !validFrom && !designatedMonth) problems.push(`${d.id}: no designation date, not even the month`);
    }
    expect(problems).toEqual([]);
  });

  it('never starts an obligation before all of its provisions were in force', () => {
    const problems: string[] = [];
    for (const o of ix.byKind.obligation.values()) {
      const from = (o.data['versions'] as Obj[])[0]!['validFrom'] as string;
      for (const p of o.data['provisions'] as string[]) {
        const origin = provisionOrigin(ix, p);
        if (from < origin) problems.push(`${o.id} starts ${from}, before ${p} (in force ${origin})`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('dates the key provisions as the law does', () => {
    const first = (id: string): string => ((ix.byKind.provision.get(id)!.data['versions'] as Obj[])[0]!['validFrom']) as string;
    expect(first('kr/cia/art-36-2')).toBe('2020-08-05');
    expect(first('kr/pipa/art-37-2')).toBe('2024-03-15');
    const firstHeld = (id: string): string =>
      ((ix.byKind.provision.get(id)!.data['versions'] as Obj[]).find((v) => !(v['textKo'] as string).startsWith(NOT_HELD_KO))!['validFrom']) as string;
    expect(first('kr/pipa-decree/art-18')).toBe('2011-09-30');
    expect(firstHeld('kr/pipa-decree/art-18')).toBe('2020-08-05');
    expect(firstHeld('kr/efta/art-6')).toBe('2020-11-20');
    for (const p of ix.byKind.provision.values()) {
      if (p.id.startsWith('kr/aiba/')) expect(first(p.id) >= '2026-01-22', p.id).toBe(true);
    }
    // The laws of the seed services (issue 13 item 6), dated from their addenda.
    expect(first('kr/ifpa/art-5')).toBe('2016-09-30');
    expect(firstHeld('kr/ifpa/art-15')).toBe('2024-08-14');
    expect(first('kr/telecom-fraud/art-2-5')).toBe('2023-11-17');
    expect(firstHeld('kr/telecom-fraud/art-4')).toBe('2023-11-17');
    expect(first('kr/telecom-fraud/art-2-4')).toBe('2014-07-29');
    expect(first('kr/fcpa/art-21')).toBe('2021-03-25');
    expect(first('kr/aiba-decree/art-23')).toBe('2026-01-22');
    expect(firstHeld('kr/fcpa-decree/art-16')).toBe('2022-12-08');
    expect(ix.byKind.regulation.get('kr/cma-decree')!.data['lawNumber']).toBe('36220');
    const aiba = ix.byKind.regulation.get('kr/aiba')!.data;
    expect(aiba['inForceFrom']).toBe('2026-01-22');
    for (const o of ix.byKind.obligation.values()) {
      const provs = o.data['provisions'] as string[];
      const from = (o.data['versions'] as Obj[])[0]!['validFrom'] as string;
      if (provs.includes('kr/cia/art-36-2')) expect(from >= '2020-08-05', o.id).toBe(true);
      if (provs.every((p) => p.startsWith('kr/aiba/'))) expect(from >= '2026-01-22', o.id).toBe(true);
    }
  });
});

describe('seed/data: Korean statute texts', () => {
  const lawsPresent = existsSync(DEFAULT_LAWS_ROOT);

  it('matches the shared law files verbatim', (ctx) => {
    if (!lawsPresent) {
      console.warn(`${DEFAULT_LAWS_ROOT} not found: verbatim text check skipped`);
      ctx.skip();
      return;
    }
    const problems: string[] = [];
    for (const spec of KR_LAWS) {
      const files = spec.files.map((f) => parseLawFile(join(DEFAULT_LAWS_ROOT, spec.dir, f)));
      const reg = ix.byKind.regulation.get(spec.regulation.id);
      if (!reg) {
        problems.push(`${spec.regulation.id}: missing`);
        continue;
      }
      const current = files[spec.files.indexOf(spec.current)]!;
      expect(reg.data['lawNumber']).toBe(current.meta.lawNumber);
      expect(reg.data['promulgatedOn']).toBe(current.meta.promulgatedOn);
      expect(reg.data['inForceFrom']).toBe(current.meta.inForceFrom);
      for (const p of (reg.data['provisions'] ?? []) as Obj[]) {
        for (const v of p['versions'] as Obj[]) {
          if ((v['textKo'] as string).startsWith(NOT_HELD_KO)) {
            if (v['validTo'] == null) problems.push(`${String(p['id'])}@${String(v['validFrom'])}: a wording-not-held version cannot be the open one`);
            continue;
          }
          const texts = files.map((f) => f.articles.get(p['article'] as string)?.text);
          if (!texts.includes(v['textKo'] as string)) problems.push(`${String(p['id'])}@${String(v['validFrom'])}: textKo not found verbatim in ${spec.dir}`);
        }
        const open = (p['versions'] as Obj[]).find((v) => v['validTo'] == null)!;
        const newest = [...files].sort((a, b) => a.meta.inForceFrom.localeCompare(b.meta.inForceFrom)).pop()!;
        if (open['textKo'] !== newest.articles.get(p['article'] as string)?.text) problems.push(`${String(p['id'])}: open version is not the newest text`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('links every Korean statute provision version to its article on law.go.kr, as a primary source', () => {
    const problems: string[] = [];
    for (const spec of KR_LAWS) {
      for (const p of (ix.byKind.regulation.get(spec.regulation.id)?.data['provisions'] ?? []) as Obj[]) {
        const [n, m] = String(p['article']).split('-');
        const suffix = m ? `/제${n}조의${m}` : `/제${n}조`;
        for (const v of p['versions'] as Obj[]) {
          if (!String(v['sourceUrl']).startsWith('https://www.law.go.kr/법령/') || !String(v['sourceUrl']).endsWith(suffix)) problems.push(`${String(p['id'])}: ${String(v['sourceUrl'])}`);
          if (v['sourceKind'] !== 'PRIMARY') problems.push(`${String(p['id'])}: sourceKind ${String(v['sourceKind'])}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('is what the generator produces (no hand edits, no stale files)', (ctx) => {
    if (!lawsPresent) {
      console.warn(`${DEFAULT_LAWS_ROOT} not found: generator freshness check skipped`);
      ctx.skip();
      return;
    }
    for (const spec of KR_LAWS) {
      const committed = readFileSync(join(DATA_DIR, regulationFileName(spec)), 'utf8');
      expect(committed, `${regulationFileName(spec)} is stale: run npx tsx seed/tools/generate-kr-regulations.ts`).toBe(renderLaw(DEFAULT_LAWS_ROOT, spec));
    }
  });
});
