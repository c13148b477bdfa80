/**
 * The planner: turns a file set into the desired state of every entity it touches, checks it
 * (duplicate ids, dangling references, overlapping versions, amendment conflicts), and diffs it
 * against the graph. `validate` runs it against an empty graph ("offline"); `plan` and `apply`
 * run it inside the write transaction against the real graph, so what is checked is what is written.
 *
 * Order inside a file set: Datasets first (in the order given), then Amendments by effective
 * date (ties in the order given).
 */
import type { ManagedTransaction, Transaction } from 'neo4j-driver';

/** Either kind of transaction: plan reads in a managed one, apply writes in an explicit one. */
export type AnyTx = ManagedTransaction | Transaction;
import type { Label } from '../db/migrate.ts';
import { pathString, type PathSeg, type SeedFile, type SeedIssue } from './files.ts';
import {
  DATA_LABELS,
  GraphState,
  NO_IDS,
  PROPS,
  REL_SPECS,
  SPEC,
  SPECS_BY_OWNER,
  cloneNode,
  fromGraph,
  makeNode,
  nodeKey,
  sameValue,
  type NodeState,
  type Props,
} from './graph-model.ts';
import type { AmendmentDoc, DatasetDoc, ObligationChangeIn, ProvisionChangeIn, TriggersIn } from './model.ts';

interface Src {
  file: SeedFile;
  segs: PathSeg[];
}
interface Ref {
  label: Label;
  id: string;
  src: Src;
  /** References from Amendments point into the graph: offline validation cannot check them. */
  fromAmendment: boolean;
}

export class Issues {
  readonly list: SeedIssue[] = [];
  add(src: Src, message: string, expected: string, found: string): void {
    const pos = src.file.locate(src.segs);
    this.list.push({ file: src.file.display, line: pos.line, column: pos.column, path: pathString(src.segs), message, expected, found });
  }
}

const BATCH = 10_000;
function* chunks<T>(xs: T[], n = BATCH): Generator<T[]> {
  for (let i = 0; i < xs.length; i += n) yield xs.slice(i, i + n);
}

/** Reads the given nodes and their owned relationships (and their child nodes) from the graph. */
export async function loadGraphState(tx: AnyTx, want: Map<Label, Set<string>>): Promise<GraphState> {
  const state = new GraphState();
  // Labels with no node at all need no lookups (a fresh load into an empty graph).
  const present = new Set<Label>();
  for (const label of want.keys()) {
    const r = await tx.run(`MATCH (n:${label}) RETURN n.id AS id LIMIT 1`);
    if (r.records.length) present.add(label);
  }
  let todo = new Map([...want].filter(([label]) => present.has(label)));
  for (let round = 0; round < 3 && todo.size; round++) {
    const next = new Map<Label, Set<string>>();
    for (const [label, idSet] of todo) {
      const ids = [...idSet].filter((id) => !state.has(label, id));
      for (const batch of chunks(ids)) {
        const res = await tx.run(`UNWIND $ids AS id MATCH (n:${label} {id: id}) RETURN n.id AS id, properties(n) AS props`, { ids: batch });
        for (const r of res.records) {
          const raw = r.get('props') as Props;
          const props: Props = {};
          for (const p of PROPS[label] ?? []) props[p] = fromGraph(raw[p]);
          state.set(makeNode(label, props));
        }
        const found = res.records.map((r) => r.get('id') as string);
        if (!found.length) continue;
        for (const spec of REL_SPECS.filter((s) => s.owner === label)) {
          const pattern = spec.dir === 'out' ? `(a:${label} {id: id})-[:${spec.type}]->(b:${spec.other})` : `(a:${label} {id: id})<-[:${spec.type}]-(b:${spec.other})`;
          const rr = await tx.run(`UNWIND $ids AS id MATCH ${pattern} RETURN a.id AS owner, collect(b.id) AS targets`, { ids: found });
          for (const r of rr.records) {
            const n = state.get(label, r.get('owner') as string)!;
            const targets = r.get('targets') as string[];
            n.rels.set(spec.key, new Set(targets));
            if (spec.child) {
              let s = next.get(spec.other);
              if (!s) next.set(spec.other, (s = new Set()));
              for (const t of targets) s.add(t);
            }
          }
        }
      }
    }
    todo = next;
  }
  return state;
}

/** Ids (per label) that exist in the graph, out of those asked. */
export async function existingIds(tx: AnyTx, ask: Map<Label, Set<string>>): Promise<Set<string>> {
  const out = new Set<string>();
  for (const [label, idSet] of ask) {
    for (const batch of chunks([...idSet])) {
      const res = await tx.run(`UNWIND $ids AS id MATCH (n:${label} {id: id}) RETURN n.id AS id`, { ids: batch });
      for (const r of res.records) out.add(nodeKey(label, r.get('id') as string));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Datasets → nodes

interface Stated {
  node: NodeState;
  src: Src;
}

function triggerRels(t: TriggersIn | undefined, addressees: string[] | undefined): Record<string, string[]> {
  return { O_SVC: t?.serviceTypes ?? [], O_CAP: t?.capabilities ?? [], O_DATA: t?.dataCategories ?? [], O_SBX: t?.designations ?? [], O_ADDR: addressees ?? [] };
}

/** An obligation's own properties (list-valued triggers are properties, not relationships). */
function obligationProps(id: string, kind: string | undefined, sandboxOnly: boolean | undefined, t: TriggersIn | undefined): Props {
  return { id, kind, sandboxOnly: sandboxOnly ?? false, triggerRiskLevels: t?.riskLevels ?? [], triggerStatutoryClasses: t?.statutoryClasses ?? [], triggerInstitutionTypes: t?.institutionTypes ?? [] };
}

function addresseeRefs(addressees: string[] | undefined, src: Src, refs: Ref[], fromAmendment: boolean): void {
  (addressees ?? []).forEach((id, i) => refs.push({ label: 'AddresseeRole', id, src: { file: src.file, segs: [...src.segs, 'addressees', i] }, fromAmendment }));
}

function triggerRefs(t: TriggersIn | undefined, src: Src, refs: Ref[], fromAmendment: boolean): void {
  const lists: Array<[keyof TriggersIn, Label]> = [
    ['serviceTypes', 'AIServiceType'],
    ['capabilities', 'Capability'],
    ['dataCategories', 'DataCategory'],
    ['designations', 'SandboxDesignation'],
  ];
  for (const [field, label] of lists) {
    (t?.[field] ?? []).forEach((id, i) => refs.push({ label, id, src: { file: src.file, segs: [...src.segs, 'triggers', field, i] }, fromAmendment }));
  }
}

/** Every node a Dataset states, with the references it makes. */
export function datasetNodes(file: SeedFile, d: DatasetDoc, refs: Ref[]): Stated[] {
  const out: Stated[] = [];
  const at = (...segs: PathSeg[]): Src => ({ file, segs });
  const ref = (label: Label, id: string | null | undefined, ...segs: PathSeg[]): void => {
    if (id) refs.push({ label, id, src: at(...segs), fromAmendment: false });
  };
  d.regulations?.forEach((r, ri) => {
    const { provisions, ...props } = r;
    out.push({ node: makeNode('Regulation', props), src: at('regulations', ri) });
    provisions?.forEach((p, pi) => {
      const base: PathSeg[] = ['regulations', ri, 'provisions', pi];
      const vids = p.versions.map((v) => `${p.id}@${v.validFrom}`);
      out.push({
        node: makeNode('Provision', { ...p, regulationId: r.id }, { P_REG: [r.id], P_VER: vids }),
        src: at(...base),
      });
      p.versions.forEach((v, vi) => {
        out.push({
          node: makeNode('ProvisionVersion', { ...v, id: vids[vi], provisionId: p.id, amendmentId: v.amendment ?? null }, { PV_AMD: [v.amendment] }),
          src: at(...base, 'versions', vi),
        });
        ref('Amendment', v.amendment, ...base, 'versions', vi, 'amendment');
      });
    });
  });
  d.amendments?.forEach((a, i) => {
    out.push({ node: makeNode('Amendment', { ...a, regulationId: a.regulation }), src: at('amendments', i) });
    ref('Regulation', a.regulation, 'amendments', i, 'regulation');
  });
  d.concepts?.forEach((c, i) => {
    out.push({ node: makeNode('Concept', { ...c, aliasesKo: c.aliasesKo ?? [], aliasesEn: c.aliasesEn ?? [] }, { C_BROADER: [c.broader] }), src: at('concepts', i) });
    ref('Concept', c.broader, 'concepts', i, 'broader');
  });
  d.capabilities?.forEach((c, i) => {
    out.push({ node: makeNode('Capability', c, { CAP_ABOUT: c.concepts ?? [] }), src: at('capabilities', i) });
    c.concepts?.forEach((id, k) => ref('Concept', id, 'capabilities', i, 'concepts', k));
  });
  d.dataCategories?.forEach((c, i) => {
    out.push({ node: makeNode('DataCategory', c, { DC_BROADER: [c.broader], DC_ABOUT: c.concepts ?? [] }), src: at('dataCategories', i) });
    ref('DataCategory', c.broader, 'dataCategories', i, 'broader');
    c.concepts?.forEach((id, k) => ref('Concept', id, 'dataCategories', i, 'concepts', k));
  });
  d.serviceTypes?.forEach((s, i) => {
    out.push({
      node: makeNode('AIServiceType', { ...s, statutoryClasses: s.statutoryClasses ?? [] }, { S_BROADER: [s.broader], S_CAP: s.capabilities ?? [], S_DATA: s.dataCategories ?? [] }),
      src: at('serviceTypes', i),
    });
    ref('AIServiceType', s.broader, 'serviceTypes', i, 'broader');
    s.capabilities?.forEach((id, k) => ref('Capability', id, 'serviceTypes', i, 'capabilities', k));
    s.dataCategories?.forEach((id, k) => ref('DataCategory', id, 'serviceTypes', i, 'dataCategories', k));
  });
  d.institutions?.forEach((inst, i) => {
    const deps = inst.deployments ?? [];
    out.push({ node: makeNode('Institution', inst, { I_PART: [inst.group], I_DEP: deps.map((x) => x.id) }), src: at('institutions', i) });
    ref('Institution', inst.group, 'institutions', i, 'group');
    deps.forEach((dep, k) => {
      out.push({ node: makeNode('Deployment', dep, { D_TYPE: [dep.serviceType] }), src: at('institutions', i, 'deployments', k) });
      ref('AIServiceType', dep.serviceType, 'institutions', i, 'deployments', k, 'serviceType');
    });
  });
  d.addresseeRoles?.forEach((r, i) => {
    out.push({
      node: makeNode('AddresseeRole', { ...r, institutionTypes: r.institutionTypes ?? [], anyInstitutionType: r.anyInstitutionType ?? false }, { AR_BASIS: r.definedBy ?? [] }),
      src: at('addresseeRoles', i),
    });
    r.definedBy?.forEach((id, k) => ref('Provision', id, 'addresseeRoles', i, 'definedBy', k));
  });
  d.obligations?.forEach((o, i) => {
    const vids = o.versions.map((v) => `${o.id}@${v.validFrom}`);
    out.push({
      node: makeNode('Obligation', obligationProps(o.id, o.kind, o.sandboxOnly, o.triggers), { O_PROV: o.provisions, O_VER: vids, ...triggerRels(o.triggers, o.addressees) }),
      src: at('obligations', i),
    });
    o.provisions.forEach((id, k) => ref('Provision', id, 'obligations', i, 'provisions', k));
    triggerRefs(o.triggers, at('obligations', i), refs, false);
    addresseeRefs(o.addressees, at('obligations', i), refs, false);
    o.versions.forEach((v, vi) => {
      out.push({
        node: makeNode('ObligationVersion', { ...v, id: vids[vi], obligationId: o.id, amendmentId: v.amendment ?? null }, { OV_AMD: [v.amendment] }),
        src: at('obligations', i, 'versions', vi),
      });
      ref('Amendment', v.amendment, 'obligations', i, 'versions', vi, 'amendment');
    });
  });
  d.designations?.forEach((s, i) => {
    const exs = s.exemptions ?? [];
    const exIds = exs.map((e) => `${s.id}#${e.provision}`);
    out.push({
      node: makeNode('SandboxDesignation', { ...s, sources: s.sources ?? [] }, {
        SD_INST: [s.institution],
        SD_SVC: [s.serviceType],
        SD_DEP: [s.deployment],
        SD_BASIS: s.legalBasis ?? [],
        SD_EX: exIds,
      }),
      src: at('designations', i),
    });
    ref('Institution', s.institution, 'designations', i, 'institution');
    ref('AIServiceType', s.serviceType, 'designations', i, 'serviceType');
    ref('Deployment', s.deployment, 'designations', i, 'deployment');
    s.legalBasis?.forEach((id, k) => ref('Provision', id, 'designations', i, 'legalBasis', k));
    exs.forEach((e, k) => {
      out.push({
        node: makeNode('Exemption', { id: exIds[k], effect: e.effect, noteKo: e.noteKo, noteEn: e.noteEn }, { E_PROV: [e.provision], E_OBL: e.obligations ?? [] }),
        src: at('designations', i, 'exemptions', k),
      });
      ref('Provision', e.provision, 'designations', i, 'exemptions', k, 'provision');
      e.obligations?.forEach((id, j) => ref('Obligation', id, 'designations', i, 'exemptions', k, 'obligations', j));
    });
  });
  return out;
}

/** The ids an Amendment touches, so that the planner can load their current state. */
function amendmentWants(a: AmendmentDoc, want: Map<Label, Set<string>>): void {
  const add = (label: Label, id: string): void => {
    let s = want.get(label);
    if (!s) want.set(label, (s = new Set()));
    s.add(id);
  };
  add('Amendment', a.id);
  for (const c of a.changes.provisions ?? []) add('Provision', c.provision);
  for (const c of a.changes.obligations ?? []) add('Obligation', c.obligation);
}

// ---------------------------------------------------------------------------------------------
// Amendments, simulated on the desired state

interface VersionedSpec {
  owner: Label;
  verLabel: Label;
  verSpec: 'P_VER' | 'O_VER';
  amdSpec: 'PV_AMD' | 'OV_AMD';
}
const PROVISION: VersionedSpec = { owner: 'Provision', verLabel: 'ProvisionVersion', verSpec: 'P_VER', amdSpec: 'PV_AMD' };
const OBLIGATION: VersionedSpec = { owner: 'Obligation', verLabel: 'ObligationVersion', verSpec: 'O_VER', amdSpec: 'OV_AMD' };

function versionsOf(state: GraphState, owner: NodeState, vs: VersionedSpec): NodeState[] {
  return [...(owner.rels.get(vs.verSpec) ?? [])]
    .map((id) => state.get(vs.verLabel, id))
    .filter((v): v is NodeState => Boolean(v))
    .sort((a, b) => String(a.props.validFrom).localeCompare(String(b.props.validFrom)));
}

function openVersion(versions: NodeState[]): NodeState | undefined {
  return versions.find((v) => v.props.validTo === null);
}

interface AmendCtx {
  state: GraphState;
  issues: Issues;
  refs: Ref[];
  offline: boolean;
  /** Nodes whose version lists must be re-checked for overlaps, with the source to blame. */
  touched: Map<string, Src>;
}

function applyAmendment(ctx: AmendCtx, file: SeedFile, a: AmendmentDoc): void {
  const eff = a.instrument.effectiveOn;
  const { state, issues } = ctx;
  const amd = makeNode('Amendment', { ...a.instrument, id: a.id, regulationId: a.instrument.regulation });
  state.set(amd);
  ctx.refs.push({ label: 'Regulation', id: a.instrument.regulation, src: { file, segs: ['instrument', 'regulation'] }, fromAmendment: true });

  const closeAndOpen = (
    vs: VersionedSpec,
    owner: NodeState,
    src: Src,
    what: string,
    next: ((open: NodeState | undefined) => Props) | null,
    requireOpen: boolean,
  ): void => {
    const versions = versionsOf(state, owner, vs);
    const open = openVersion(versions);
    if (requireOpen && !open) {
      issues.add(src, `${what} ${owner.id} has no version in force to amend (it was repealed or retired)`, `a ${what} in force`, 'no open version');
      return;
    }
    const latest = versions[versions.length - 1];
    const latestStart = String(latest?.props.validFrom ?? '');
    if (latest && eff <= latestStart) {
      issues.add(
        { file, segs: ['instrument', 'effectiveOn'] },
        `effective date ${eff} is not after the start of the current version of ${owner.id} (${latestStart}); history cannot be rewritten`,
        `a date after ${latestStart}`,
        eff,
      );
      return;
    }
    const lastEnd = latest?.props.validTo as string | null | undefined;
    if (latest && lastEnd && lastEnd > eff) {
      issues.add(src, `${what} ${owner.id} has a version running until ${lastEnd}, after ${eff}`, `no version in force after ${eff}`, `a version until ${lastEnd}`);
      return;
    }
    if (open) {
      const closed = cloneNode(open);
      closed.props.validTo = eff;
      state.set(closed);
    }
    if (next) {
      const id = `${owner.id}@${eff}`;
      const props = next(open);
      const v = makeNode(vs.verLabel, { ...props, id, validFrom: eff, validTo: null, amendmentId: a.id, [vs === PROVISION ? 'provisionId' : 'obligationId']: owner.id }, { [vs.amdSpec]: [a.id] });
      state.set(v);
      const o = cloneNode(owner);
      const list = o.rels.get(vs.verSpec) ?? new Set<string>();
      list.add(id);
      o.rels.set(vs.verSpec, list);
      state.set(o);
    }
    ctx.touched.set(nodeKey(vs.owner, owner.id), src);
  };

  (a.changes.provisions ?? []).forEach((c: ProvisionChangeIn, i) => {
    const src: Src = { file, segs: ['changes', 'provisions', i] };
    const existing = state.get('Provision', c.provision);
    if (c.op === 'insert') {
      if (existing && openVersion(versionsOf(state, existing, PROVISION))) {
        issues.add({ file, segs: [...src.segs, 'provision'] }, `cannot insert ${c.provision}: it already exists and is in force (use op: substitute)`, 'a new provision id', 'an existing provision');
        return;
      }
      const p = existing ? cloneNode(existing) : makeNode('Provision', { id: c.provision, regulationId: a.instrument.regulation }, { P_REG: [a.instrument.regulation] });
      Object.assign(p.props, {
        article: c.article,
        citationKo: c.citationKo,
        citationEn: c.citationEn ?? null,
        titleKo: c.titleKo ?? null,
        titleEn: c.titleEn ?? null,
      });
      state.set(p);
      closeAndOpen(PROVISION, p, src, 'provision', () => ({ textKo: c.textKo, textEn: c.textEn ?? null, sourceUrl: c.sourceUrl ?? a.instrument.sourceUrl ?? null }), false);
      return;
    }
    if (!existing) {
      if (!ctx.offline) issues.add({ file, segs: [...src.segs, 'provision'] }, `cannot ${c.op} provision ${c.provision}: it does not exist`, 'an existing provision id', `unknown provision "${c.provision}"`);
      return;
    }
    if (c.op === 'substitute') {
      const p = cloneNode(existing);
      if (c.titleKo !== undefined) p.props.titleKo = c.titleKo;
      if (c.titleEn !== undefined) p.props.titleEn = c.titleEn;
      state.set(p);
      closeAndOpen(
        PROVISION,
        p,
        src,
        'provision',
        (open) => ({ textKo: c.textKo, textEn: c.textEn ?? null, sourceUrl: c.sourceUrl ?? a.instrument.sourceUrl ?? open?.props.sourceUrl ?? null }),
        true,
      );
    } else closeAndOpen(PROVISION, existing, src, 'provision', null, true);
  });

  (a.changes.obligations ?? []).forEach((c: ObligationChangeIn, i) => {
    const src: Src = { file, segs: ['changes', 'obligations', i] };
    const existing = state.get('Obligation', c.obligation);
    const versionFields = (base: Props): Props => {
      const out: Props = { ...base };
      for (const f of ['actorKo', 'actorEn', 'statementKo', 'statementEn', 'conditionsKo', 'conditionsEn'] as const) if (c[f] !== undefined) out[f] = c[f];
      return out;
    };
    if (c.op === 'add') {
      if (existing) {
        issues.add({ file, segs: [...src.segs, 'obligation'] }, `cannot add ${c.obligation}: it already exists (use op: change)`, 'a new obligation id', 'an existing obligation');
        return;
      }
      const o = makeNode('Obligation', obligationProps(c.obligation, c.kind, c.sandboxOnly, c.triggers), { O_PROV: c.provisions ?? [], ...triggerRels(c.triggers, c.addressees) });
      state.set(o);
      (c.provisions ?? []).forEach((id, k) => ctx.refs.push({ label: 'Provision', id, src: { file, segs: [...src.segs, 'provisions', k] }, fromAmendment: true }));
      triggerRefs(c.triggers, src, ctx.refs, true);
      addresseeRefs(c.addressees, src, ctx.refs, true);
      closeAndOpen(OBLIGATION, o, src, 'obligation', () => versionFields({}), false);
      return;
    }
    if (!existing) {
      if (!ctx.offline) issues.add({ file, segs: [...src.segs, 'obligation'] }, `cannot ${c.op} obligation ${c.obligation}: it does not exist`, 'an existing obligation id', `unknown obligation "${c.obligation}"`);
      return;
    }
    if (c.op === 'change') closeAndOpen(OBLIGATION, existing, src, 'obligation', (open) => versionFields(open ? pickVersionFields(open.props) : {}), true);
    else closeAndOpen(OBLIGATION, existing, src, 'obligation', null, true);
  });
}

function pickVersionFields(p: Props): Props {
  const { actorKo, actorEn, statementKo, statementEn, conditionsKo, conditionsEn } = p;
  return { actorKo, actorEn, statementKo, statementEn, conditionsKo, conditionsEn };
}

// ---------------------------------------------------------------------------------------------
// The plan

export interface NodeChange {
  label: Label;
  id: string;
  /** Property names that change (`ALL_PROPS` for a new node). */
  props: readonly string[];
}
export const ALL_PROPS: readonly string[] = Object.freeze(['*']);

export interface RelRow {
  owner: string;
  target: string;
}

export interface Diff {
  created: NodeChange[];
  updated: NodeChange[];
  deleted: Array<{ label: Label; id: string }>;
  relAdds: Map<string, RelRow[]>;
  relDels: Map<string, RelRow[]>;
  desired: GraphState;
  graph: GraphState;
  /** Amendment ids introduced by Amendment files in this set (for ChangeSet-[:APPLIED]->). */
  amendmentIds: string[];
}

function diffStates(graph: GraphState, desired: GraphState): Omit<Diff, 'desired' | 'graph' | 'amendmentIds'> {
  const created: NodeChange[] = [];
  const updated: NodeChange[] = [];
  const deleted: Array<{ label: Label; id: string }> = [];
  const relAdds = new Map<string, RelRow[]>();
  const relDels = new Map<string, RelRow[]>();
  const push = (m: Map<string, RelRow[]>, k: string, row: RelRow): void => {
    let l = m.get(k);
    if (!l) m.set(k, (l = []));
    l.push(row);
  };
  for (const n of desired.values()) {
    const g = graph.get(n.label, n.id);
    if (!g) created.push({ label: n.label, id: n.id, props: ALL_PROPS });
    else {
      const changed = Object.keys(n.props).filter((p) => !sameValue(n.props[p], g.props[p]));
      if (changed.length) updated.push({ label: n.label, id: n.id, props: changed });
    }
    for (const spec of SPECS_BY_OWNER.get(n.label) ?? []) {
      const targets = n.rels.get(spec.key) ?? NO_IDS;
      const before = g?.rels.get(spec.key) ?? NO_IDS;
      for (const t of targets) if (!before.has(t)) push(relAdds, spec.key, { owner: n.id, target: t });
      for (const t of before) if (!targets.has(t)) push(relDels, spec.key, { owner: n.id, target: t });
    }
  }
  for (const g of graph.values()) if (!desired.has(g.label, g.id)) deleted.push({ label: g.label, id: g.id });
  return { created, updated, deleted, relAdds, relDels };
}

export interface PlanInput {
  files: SeedFile[];
  /** Without a transaction the set is checked against an empty graph (validate). */
  tx?: AnyTx;
  /** Skip the dangling-reference check (validate, when some files of the set did not parse). */
  skipReferences?: boolean;
}

/**
 * Builds and checks the desired state. Returns the diff, or the issues found (then nothing may be written).
 */
export async function planFileSet({ files, tx, skipReferences }: PlanInput): Promise<{ diff: Diff | null; issues: SeedIssue[] }> {
  const issues = new Issues();
  const refs: Ref[] = [];
  const offline = !tx;
  const stated: Stated[] = [];
  const amendments: Array<{ file: SeedFile; doc: AmendmentDoc; order: number }> = [];
  files.forEach((file, order) => {
    const doc = file.doc;
    if (!doc) return;
    if (doc.kind === 'Dataset') stated.push(...datasetNodes(file, doc, refs));
    else amendments.push({ file, doc, order });
  });
  amendments.sort((x, y) => x.doc.instrument.effectiveOn.localeCompare(y.doc.instrument.effectiveOn) || x.order - y.order);

  // Duplicate ids within the set (an id may be stated once per label).
  const firstSeen = new Map<string, Src>();
  for (const s of stated) {
    const k = nodeKey(s.node.label, s.node.id);
    const prev = firstSeen.get(k);
    if (prev) {
      const pos = prev.file.locate(prev.segs);
      issues.add(s.src, `duplicate ${s.node.label} id "${s.node.id}" (first stated at ${prev.file.display}:${pos.line}:${pos.column})`, 'an id stated once in the file set', 'a repeated id');
    } else firstSeen.set(k, s.src);
  }
  const amdSeen = new Map<string, Src>();
  for (const a of amendments) {
    const src: Src = { file: a.file, segs: ['id'] };
    const k = nodeKey('Amendment', a.doc.id);
    const prev = amdSeen.get(k) ?? firstSeen.get(k);
    if (prev) {
      const pos = prev.file.locate(prev.segs);
      issues.add(src, `duplicate Amendment id "${a.doc.id}" (first stated at ${prev.file.display}:${pos.line}:${pos.column})`, 'an id stated once in the file set', 'a repeated id');
    } else amdSeen.set(k, src);
  }

  // Current state of everything the set touches.
  const want = new Map<Label, Set<string>>();
  for (const s of stated) {
    let set = want.get(s.node.label);
    if (!set) want.set(s.node.label, (set = new Set()));
    set.add(s.node.id);
  }
  for (const a of amendments) amendmentWants(a.doc, want);
  const graph = tx ? await loadGraphState(tx, want) : new GraphState();

  const amendmentIds = amendments.map((a) => a.doc.id);
  if (!offline) {
    for (const a of amendments) {
      if (graph.has('Amendment', a.doc.id))
        issues.add({ file: a.file, segs: ['id'] }, `amendment ${a.doc.id} has already been applied`, 'an amendment not yet in the graph', 'an Amendment node with this id');
    }
  }

  const desired = graph.clone();
  const touched = new Map<string, Src>();
  for (const s of stated) {
    // Stated nodes are fresh objects; the amendment simulation clones before it mutates.
    desired.set(s.node);
    if (s.node.label === 'Provision' || s.node.label === 'Obligation') touched.set(nodeKey(s.node.label, s.node.id), s.src);
  }
  // Children no longer listed by their owner are deleted.
  const deletedKeys = new Set<string>();
  for (const s of stated) {
    const g = graph.get(s.node.label, s.node.id);
    if (!g) continue;
    for (const spec of REL_SPECS) {
      if (!spec.child || spec.owner !== s.node.label) continue;
      const now = s.node.rels.get(spec.key) ?? NO_IDS;
      for (const t of g.rels.get(spec.key) ?? []) {
        if (!now.has(t)) {
          desired.delete(spec.other, t);
          deletedKeys.add(nodeKey(spec.other, t));
          // A deleted child's own children (none in this model) would follow here.
        }
      }
    }
  }

  const ctx: AmendCtx = { state: desired, issues, refs, offline, touched };
  for (const a of amendments) applyAmendment(ctx, a.file, a.doc);

  // Version intervals: ordered, no overlap, validTo after validFrom.
  for (const [k, src] of touched) {
    const [label, id] = k.split('\u0000') as [Label, string];
    const owner = desired.get(label, id);
    if (!owner) continue;
    const vs = owner.label === 'Provision' ? PROVISION : OBLIGATION;
    const ids = owner.rels.get(vs.verSpec);
    if (ids && ids.size === 1) {
      // One version (the common case in large loads): only its own interval can be wrong.
      const v = desired.get(vs.verLabel, ids.values().next().value as string);
      const to = v?.props.validTo as string | null | undefined;
      if (v && to && to <= String(v.props.validFrom)) issues.add(src, `version ${v.id}: validTo ${to} is not after validFrom ${String(v.props.validFrom)}`, 'validTo after validFrom (or null)', to);
      continue;
    }
    const versions = versionsOf(desired, owner, vs);
    for (let i = 0; i < versions.length; i++) {
      const v = versions[i]!;
      const from = String(v.props.validFrom);
      const to = v.props.validTo as string | null;
      if (to !== null && to <= from) issues.add(src, `version ${v.id}: validTo ${to} is not after validFrom ${from}`, 'validTo after validFrom (or null)', to);
      const nxt = versions[i + 1];
      if (nxt && (to === null || to > String(nxt.props.validFrom)))
        issues.add(src, `versions of ${owner.id} overlap: ${v.id} (until ${to ?? 'open'}) and ${nxt.id} (from ${String(nxt.props.validFrom)})`, 'non-overlapping version intervals', 'overlapping intervals');
    }
  }

  // References resolve within the set or (plan/apply) in the graph.
  const unresolved = refs.filter((r) => !desired.has(r.label, r.id));
  let inGraph = new Set<string>();
  if (tx && unresolved.length) {
    const ask = new Map<Label, Set<string>>();
    for (const r of unresolved) {
      let s = ask.get(r.label);
      if (!s) ask.set(r.label, (s = new Set()));
      s.add(r.id);
    }
    inGraph = await existingIds(tx, ask);
  }
  for (const r of skipReferences ? [] : unresolved) {
    const k = nodeKey(r.label, r.id);
    if (inGraph.has(k) && !deletedKeys.has(k)) continue;
    if (offline && r.fromAmendment) continue;
    issues.add(r.src, `dangling reference: no ${r.label} "${r.id}"${offline ? ' in the file set' : ' in the file set or the graph'}`, `the id of an existing ${r.label}`, `"${r.id}"`);
  }

  if (issues.list.length) return { diff: null, issues: sortIssues(issues.list) };
  return { diff: { ...diffStates(graph, desired), desired, graph, amendmentIds }, issues: [] };
}

export function sortIssues(list: SeedIssue[]): SeedIssue[] {
  return [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

export { DATA_LABELS, SPEC };
