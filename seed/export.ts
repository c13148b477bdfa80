/**
 * `export`: the current graph written back out as Dataset files. Deterministic (sorted ids,
 * natural article order, null fields omitted) so that export → apply on an empty graph → export
 * gives identical files. Audit nodes (ChangeSet, DataVersion) are not data and are not exported.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { stringify } from 'yaml';
import type { Label } from '../db/migrate.ts';
import { DATA_LABELS, GraphState, type NodeState } from './graph-model.ts';
import type { DbOptions } from './loader.ts';
import { loadGraphState } from './planner.ts';

export interface ExportResult {
  files: string[];
  counts: Partial<Record<Label, number>>;
}

type Obj = Record<string, unknown>;

/** Copies the named props, leaving out nulls and empty lists (absent = null in the format). */
function pick(n: NodeState | undefined, names: string[]): Obj {
  const o: Obj = {};
  if (!n) return o;
  for (const k of names) {
    const v = n.props[k];
    if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    o[k] = v;
  }
  return o;
}

function articleKey(a: string): Array<number | string> {
  return a.split(/(\d+)/).filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
function compareArticles(x: NodeState, y: NodeState): number {
  const a = articleKey(String(x.props.article ?? ''));
  const b = articleKey(String(y.props.article ?? ''));
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const p = a[i];
    const q = b[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return p - q;
    return String(p).localeCompare(String(q));
  }
  return x.id.localeCompare(y.id);
}

const byId = (a: NodeState, b: NodeState): number => a.id.localeCompare(b.id);
const sorted = (s: Set<string> | undefined): string[] => [...(s ?? [])].sort();
const first = (s: Set<string> | undefined): string | undefined => sorted(s)[0];

function all(state: GraphState, label: Label): NodeState[] {
  return [...state.ofLabel(label)].sort(byId);
}

function children(state: GraphState, owner: NodeState, spec: string, label: Label): NodeState[] {
  return sorted(owner.rels.get(spec))
    .map((id) => state.get(label, id))
    .filter((n): n is NodeState => Boolean(n));
}

function versionsOut(state: GraphState, owner: NodeState, spec: string, label: Label, fields: string[]): Obj[] {
  return children(state, owner, spec, label)
    .sort((a, b) => String(a.props.validFrom).localeCompare(String(b.props.validFrom)))
    .map((v) => {
      const o = pick(v, ['validFrom', 'validTo', ...fields]);
      if (v.props.amendmentId) o.amendment = v.props.amendmentId;
      return o;
    });
}

/** Builds the Dataset documents from a loaded state. */
export function datasetsFromState(state: GraphState): Array<{ name: string; doc: Obj }> {
  const provisionsByReg = new Map<string, NodeState[]>();
  for (const p of all(state, 'Provision')) {
    const reg = first(p.rels.get('P_REG')) ?? String(p.props.regulationId ?? '');
    let l = provisionsByReg.get(reg);
    if (!l) provisionsByReg.set(reg, (l = []));
    l.push(p);
  }
  const regulations = all(state, 'Regulation').map((r) => {
    const o = pick(r, ['id', 'nameKo', 'nameEn', 'shortKo', 'shortEn', 'jurisdiction', 'instrumentType', 'binding', 'lawNumber', 'promulgatedOn', 'inForceFrom', 'applicableFrom', 'textAsOf', 'sourceUrl', 'sourceKind']);
    const provs = (provisionsByReg.get(r.id) ?? []).sort(compareArticles).map((p) => ({
      ...pick(p, ['id', 'article', 'citationKo', 'citationEn', 'titleKo', 'titleEn']),
      versions: versionsOut(state, p, 'P_VER', 'ProvisionVersion', ['textKo', 'textEn', 'sourceUrl', 'sourceKind']),
    }));
    if (provs.length) o.provisions = provs;
    return o;
  });
  const amendments = all(state, 'Amendment')
    .sort((a, b) => String(a.props.effectiveOn).localeCompare(String(b.props.effectiveOn)) || byId(a, b))
    .map((a) => {
      const o = pick(a, ['id']);
      o.regulation = a.props.regulationId;
      return { ...o, ...pick(a, ['lawNumber', 'titleKo', 'titleEn', 'promulgatedOn', 'effectiveOn', 'sourceUrl']) };
    });

  const withRefs = (o: Obj, entries: Array<[string, string[] | string | undefined]>): Obj => {
    for (const [k, v] of entries) if (v !== undefined && !(Array.isArray(v) && v.length === 0)) o[k] = v;
    return o;
  };
  const concepts = all(state, 'Concept').map((c) => withRefs(pick(c, ['id', 'labelKo', 'labelEn', 'aliasesKo', 'aliasesEn']), [['broader', first(c.rels.get('C_BROADER'))]]));
  const capabilities = all(state, 'Capability').map((c) => withRefs(pick(c, ['id', 'nameKo', 'nameEn']), [['concepts', sorted(c.rels.get('CAP_ABOUT'))]]));
  const dataCategories = all(state, 'DataCategory').map((c) =>
    withRefs(pick(c, ['id', 'nameKo', 'nameEn']), [
      ['broader', first(c.rels.get('DC_BROADER'))],
      ['concepts', sorted(c.rels.get('DC_ABOUT'))],
    ]),
  );
  const serviceTypes = all(state, 'AIServiceType').map((s) =>
    withRefs(pick(s, ['id', 'nameKo', 'nameEn', 'descriptionKo', 'descriptionEn', 'office', 'riskLevel']), [
      ['statutoryClasses', s.props.statutoryClasses as string[] | undefined],
      ['broader', first(s.rels.get('S_BROADER'))],
      ['capabilities', sorted(s.rels.get('S_CAP'))],
      ['dataCategories', sorted(s.rels.get('S_DATA'))],
    ]),
  );
  const institutions = all(state, 'Institution').map((i) => {
    const o = withRefs(pick(i, ['id', 'nameKo', 'nameEn', 'type']), [['group', first(i.rels.get('I_PART'))]]);
    Object.assign(o, pick(i, ['roleKo', 'roleEn']));
    const deps = children(state, i, 'I_DEP', 'Deployment').map((d) => {
      const x = pick(d, ['id']);
      x.serviceType = first(d.rels.get('D_TYPE'));
      return { ...x, ...pick(d, ['nameKo', 'nameEn', 'launchedOn', 'sourceUrl']) };
    });
    if (deps.length) o.deployments = deps;
    return o;
  });
  const obligations = all(state, 'Obligation').map((ob) => {
    const o = pick(ob, ['id', 'kind']);
    o.provisions = sorted(ob.rels.get('O_PROV'));
    withRefs(o, [['addressees', sorted(ob.rels.get('O_ADDR'))]]);
    const triggers = withRefs({}, [
      ['serviceTypes', sorted(ob.rels.get('O_SVC'))],
      ['capabilities', sorted(ob.rels.get('O_CAP'))],
      ['dataCategories', sorted(ob.rels.get('O_DATA'))],
      ['riskLevels', ob.props.triggerRiskLevels as string[] | undefined],
      ['statutoryClasses', ob.props.triggerStatutoryClasses as string[] | undefined],
      ['institutionTypes', ob.props.triggerInstitutionTypes as string[] | undefined],
      ['designations', sorted(ob.rels.get('O_SBX'))],
    ]);
    if (Object.keys(triggers).length) o.triggers = triggers;
    if (ob.props.sandboxOnly === true) o.sandboxOnly = true;
    o.versions = versionsOut(state, ob, 'O_VER', 'ObligationVersion', ['actorKo', 'actorEn', 'statementKo', 'statementEn', 'conditionsKo', 'conditionsEn']);
    return o;
  });
  const addresseeRoles = all(state, 'AddresseeRole').map((r) => {
    const o = pick(r, ['id', 'nameKo', 'nameEn']);
    if (r.props.anyInstitutionType === true) o.anyInstitutionType = true;
    else o.institutionTypes = r.props.institutionTypes;
    withRefs(o, [['definedBy', sorted(r.rels.get('AR_BASIS'))]]);
    return { ...o, ...pick(r, ['definitionKo', 'definitionEn']) };
  });
  const designations = all(state, 'SandboxDesignation').map((s) => {
    const o = pick(s, ['id', 'nameKo', 'nameEn']);
    withRefs(o, [
      ['institution', first(s.rels.get('SD_INST'))],
      ['serviceType', first(s.rels.get('SD_SVC'))],
      ['deployment', first(s.rels.get('SD_DEP'))],
      ['legalBasis', sorted(s.rels.get('SD_BASIS'))],
    ]);
    Object.assign(o, pick(s, ['designationNumber', 'batch', 'designatedOn', 'validFrom', 'validTo', 'extendedOn', 'designatedMonth', 'periodMonths', 'extendedUntil', 'deemedContinuationFrom', 'deemedContinuationUntil', 'notesKo', 'notesEn', 'sources']));
    const exs = children(state, s, 'SD_EX', 'Exemption').map((e) => {
      const x: Obj = { provision: first(e.rels.get('E_PROV')), effect: e.props.effect };
      withRefs(x, [['obligations', sorted(e.rels.get('E_OBL'))]]);
      return { ...x, ...pick(e, ['noteKo', 'noteEn']) };
    });
    if (exs.length) o.exemptions = exs;
    return o;
  });

  const doc = (id: string, description: string, sections: Obj): Obj => {
    const d: Obj = { kind: 'Dataset', id, description };
    for (const [k, v] of Object.entries(sections)) if (Array.isArray(v) && v.length) d[k] = v;
    return d;
  };
  return [
    { name: 'regulations.yaml', doc: doc('export-regulations', 'Exported: regulations, provisions with all versions, amendments', { regulations, amendments }) },
    { name: 'vocabulary.yaml', doc: doc('export-vocabulary', 'Exported: concepts, capabilities, data categories, AI service types', { concepts, capabilities, dataCategories, serviceTypes }) },
    { name: 'institutions.yaml', doc: doc('export-institutions', 'Exported: institutions, deployments, sandbox designations', { institutions, designations }) },
    { name: 'obligations.yaml', doc: doc('export-obligations', 'Exported: addressee roles, obligations with all versions', { addresseeRoles, obligations }) },
  ];
}

/** Reads the whole data graph and writes Dataset files into `outDir` (created if needed). */
export async function exportGraph(driver: Driver, outDir: string, opts: DbOptions = {}): Promise<ExportResult> {
  const session = driver.session({ database: opts.database ?? 'neo4j', defaultAccessMode: 'READ' });
  let state: GraphState;
  try {
    state = await session.executeRead(async (tx) => {
      const want = new Map<Label, Set<string>>();
      for (const label of DATA_LABELS) {
        const r = await tx.run(`MATCH (n:${label}) RETURN n.id AS id`);
        want.set(label, new Set(r.records.map((x) => x.get('id') as string)));
      }
      return loadGraphState(tx, want);
    });
  } finally {
    await session.close();
  }
  fs.mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  for (const { name, doc } of datasetsFromState(state)) {
    const p = path.join(outDir, name);
    fs.writeFileSync(p, stringify(doc, { lineWidth: 0 }));
    files.push(p);
  }
  const counts: Partial<Record<Label, number>> = {};
  for (const n of state.values()) counts[n.label] = (counts[n.label] ?? 0) + 1;
  return { files, counts };
}
