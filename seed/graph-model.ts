/**
 * The graph side of the loader: which properties each label carries, which relationships each
 * label "owns" (states in full when the entity is written), and the in-memory node state the
 * planner compares with the graph. Labels and relationship types here are code literals; the
 * Cypher built from them never contains input.
 */
import neo4j from 'neo4j-driver';
import type { Label } from '../db/migrate.ts';

export type Props = Record<string, unknown>;

/** Properties the loader writes, per label (docs/data-model.md §2); absent values are stored as null (= removed). */
export const PROPS: Partial<Record<Label, readonly string[]>> = {
  Regulation: ['id', 'nameKo', 'nameEn', 'shortKo', 'shortEn', 'jurisdiction', 'instrumentType', 'binding', 'lawNumber', 'promulgatedOn', 'inForceFrom', 'applicableFrom', 'textAsOf', 'sourceUrl', 'sourceKind'],
  Provision: ['id', 'regulationId', 'article', 'citationKo', 'citationEn', 'titleKo', 'titleEn'],
  ProvisionVersion: ['id', 'provisionId', 'validFrom', 'validTo', 'textKo', 'textEn', 'sourceUrl', 'sourceKind', 'amendmentId'],
  Obligation: ['id', 'kind', 'sandboxOnly', 'triggerRiskLevels', 'triggerStatutoryClasses', 'triggerInstitutionTypes'],
  ObligationVersion: ['id', 'obligationId', 'validFrom', 'validTo', 'actorKo', 'actorEn', 'statementKo', 'statementEn', 'conditionsKo', 'conditionsEn', 'amendmentId'],
  Concept: ['id', 'labelKo', 'labelEn', 'aliasesKo', 'aliasesEn'],
  Capability: ['id', 'nameKo', 'nameEn'],
  AddresseeRole: ['id', 'nameKo', 'nameEn', 'institutionTypes', 'anyInstitutionType', 'definitionKo', 'definitionEn'],
  DataCategory: ['id', 'nameKo', 'nameEn'],
  AIServiceType: ['id', 'nameKo', 'nameEn', 'descriptionKo', 'descriptionEn', 'office', 'riskLevel', 'statutoryClasses'],
  Institution: ['id', 'nameKo', 'nameEn', 'type', 'roleKo', 'roleEn'],
  Deployment: ['id', 'nameKo', 'nameEn', 'launchedOn', 'sourceUrl'],
  SandboxDesignation: ['id', 'nameKo', 'nameEn', 'designationNumber', 'batch', 'designatedOn', 'validFrom', 'validTo', 'extendedOn', 'designatedMonth', 'periodMonths', 'extendedUntil', 'deemedContinuationFrom', 'deemedContinuationUntil', 'notesKo', 'notesEn', 'sources'],
  Exemption: ['id', 'effect', 'noteKo', 'noteEn'],
  Amendment: ['id', 'regulationId', 'lawNumber', 'titleKo', 'titleEn', 'promulgatedOn', 'effectiveOn', 'sourceUrl'],
};

/** Labels the loader writes from seed files, in the order nodes are written and exported. */
export const DATA_LABELS = Object.keys(PROPS) as Label[];

export const DATE_PROPS = new Set([
  'promulgatedOn', 'inForceFrom', 'applicableFrom', 'textAsOf', 'validFrom', 'validTo', 'launchedOn', 'designatedOn', 'extendedOn', 'extendedUntil', 'deemedContinuationFrom', 'deemedContinuationUntil', 'effectiveOn',
]);
const INT_PROPS = new Set(['batch', 'periodMonths']);

export interface RelSpec {
  key: string;
  /** The label whose entity states this relationship; writing the entity replaces the set. */
  owner: Label;
  type: string;
  /** out: (owner)-[type]->(other); in: (other)-[type]->(owner). */
  dir: 'out' | 'in';
  other: Label;
  /** The other end only exists under its owner (versions, exemptions, deployments): dropped → deleted. */
  child?: boolean;
}

export const REL_SPECS: readonly RelSpec[] = [
  { key: 'P_REG', owner: 'Provision', type: 'HAS_PROVISION', dir: 'in', other: 'Regulation' },
  { key: 'P_VER', owner: 'Provision', type: 'HAS_VERSION', dir: 'out', other: 'ProvisionVersion', child: true },
  { key: 'PV_AMD', owner: 'ProvisionVersion', type: 'PRODUCED_BY', dir: 'out', other: 'Amendment' },
  { key: 'O_PROV', owner: 'Obligation', type: 'DERIVED_FROM', dir: 'out', other: 'Provision' },
  { key: 'O_VER', owner: 'Obligation', type: 'HAS_VERSION', dir: 'out', other: 'ObligationVersion', child: true },
  { key: 'O_SVC', owner: 'Obligation', type: 'TRIGGERED_BY', dir: 'out', other: 'AIServiceType' },
  { key: 'O_CAP', owner: 'Obligation', type: 'TRIGGERED_BY', dir: 'out', other: 'Capability' },
  { key: 'O_DATA', owner: 'Obligation', type: 'TRIGGERED_BY', dir: 'out', other: 'DataCategory' },
  { key: 'O_SBX', owner: 'Obligation', type: 'TRIGGERED_BY', dir: 'out', other: 'SandboxDesignation' },
  { key: 'O_ADDR', owner: 'Obligation', type: 'ADDRESSED_TO', dir: 'out', other: 'AddresseeRole' },
  { key: 'AR_BASIS', owner: 'AddresseeRole', type: 'DEFINED_BY', dir: 'out', other: 'Provision' },
  { key: 'OV_AMD', owner: 'ObligationVersion', type: 'PRODUCED_BY', dir: 'out', other: 'Amendment' },
  { key: 'C_BROADER', owner: 'Concept', type: 'BROADER', dir: 'out', other: 'Concept' },
  { key: 'CAP_ABOUT', owner: 'Capability', type: 'ABOUT', dir: 'out', other: 'Concept' },
  { key: 'DC_BROADER', owner: 'DataCategory', type: 'BROADER', dir: 'out', other: 'DataCategory' },
  { key: 'DC_ABOUT', owner: 'DataCategory', type: 'ABOUT', dir: 'out', other: 'Concept' },
  { key: 'S_BROADER', owner: 'AIServiceType', type: 'BROADER', dir: 'out', other: 'AIServiceType' },
  { key: 'S_CAP', owner: 'AIServiceType', type: 'HAS_CAPABILITY', dir: 'out', other: 'Capability' },
  { key: 'S_DATA', owner: 'AIServiceType', type: 'PROCESSES', dir: 'out', other: 'DataCategory' },
  { key: 'I_PART', owner: 'Institution', type: 'PART_OF', dir: 'out', other: 'Institution' },
  { key: 'I_DEP', owner: 'Institution', type: 'DEPLOYS', dir: 'out', other: 'Deployment', child: true },
  { key: 'D_TYPE', owner: 'Deployment', type: 'OF_TYPE', dir: 'out', other: 'AIServiceType' },
  { key: 'SD_INST', owner: 'SandboxDesignation', type: 'GRANTED_TO', dir: 'out', other: 'Institution' },
  { key: 'SD_SVC', owner: 'SandboxDesignation', type: 'FOR_SERVICE', dir: 'out', other: 'AIServiceType' },
  { key: 'SD_DEP', owner: 'SandboxDesignation', type: 'COVERS', dir: 'out', other: 'Deployment' },
  { key: 'SD_BASIS', owner: 'SandboxDesignation', type: 'LEGAL_BASIS', dir: 'out', other: 'Provision' },
  { key: 'SD_EX', owner: 'SandboxDesignation', type: 'HAS_EXEMPTION', dir: 'out', other: 'Exemption', child: true },
  { key: 'E_PROV', owner: 'Exemption', type: 'FROM_PROVISION', dir: 'out', other: 'Provision' },
  { key: 'E_OBL', owner: 'Exemption', type: 'AFFECTS', dir: 'out', other: 'Obligation' },
];
export const SPEC = Object.fromEntries(REL_SPECS.map((s) => [s.key, s])) as Record<string, RelSpec>;
/** The relationship specs each label owns. */
export const SPECS_BY_OWNER = new Map<Label, RelSpec[]>();
for (const s of REL_SPECS) SPECS_BY_OWNER.set(s.owner, [...(SPECS_BY_OWNER.get(s.owner) ?? []), s]);
export const NO_IDS: ReadonlySet<string> = new Set();

export interface NodeState {
  label: Label;
  id: string;
  props: Props;
  /** spec key → ids at the other end (a missing key means none). */
  rels: Map<string, Set<string>>;
}

export function nodeKey(label: Label, id: string): string {
  return `${label}\u0000${id}`;
}

/** Nodes by label and id (a map per label: no key strings built on the hot path). */
export class GraphState {
  private readonly byLabel = new Map<Label, Map<string, NodeState>>();
  private bucket(label: Label): Map<string, NodeState> {
    let m = this.byLabel.get(label);
    if (!m) this.byLabel.set(label, (m = new Map()));
    return m;
  }
  get(label: Label, id: string): NodeState | undefined {
    return this.byLabel.get(label)?.get(id);
  }
  set(n: NodeState): void {
    this.bucket(n.label).set(n.id, n);
  }
  delete(label: Label, id: string): void {
    this.byLabel.get(label)?.delete(id);
  }
  has(label: Label, id: string): boolean {
    return this.byLabel.get(label)?.has(id) ?? false;
  }
  *values(): IterableIterator<NodeState> {
    for (const m of this.byLabel.values()) yield* m.values();
  }
  ofLabel(label: Label): IterableIterator<NodeState> {
    return (this.byLabel.get(label) ?? new Map<string, NodeState>()).values();
  }
  /** Deep enough copy for the planner to mutate props and rel sets freely. */
  clone(): GraphState {
    const c = new GraphState();
    for (const n of this.values()) c.set(cloneNode(n));
    return c;
  }
}

export function cloneNode(n: NodeState): NodeState {
  return { label: n.label, id: n.id, props: { ...n.props }, rels: new Map([...n.rels].map(([k, v]) => [k, new Set(v)])) };
}

export function makeNode(label: Label, props: object, rels: Record<string, Iterable<string | null | undefined>> = {}): NodeState {
  const full: Props = {};
  for (const p of PROPS[label] ?? []) full[p] = (props as Props)[p] ?? null;
  const m = new Map<string, Set<string>>();
  for (const [k, ids] of Object.entries(rels)) {
    const s = new Set<string>();
    for (const id of ids) if (id) s.add(id);
    m.set(k, s);
  }
  return { label, id: String(full.id), props: full, rels: m };
}

/** Graph value → plain JS (dates as YYYY-MM-DD strings, integers as numbers). */
export function fromGraph(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (neo4j.isInt(v)) return (v as { toNumber(): number }).toNumber();
  if (neo4j.isDate(v) || neo4j.isDateTime(v) || neo4j.isLocalDateTime(v)) return String(v);
  if (Array.isArray(v)) return v.map(fromGraph);
  return v;
}

/** Plain JS → graph value for one property. */
export function toGraph(prop: string, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (DATE_PROPS.has(prop) && typeof v === 'string') {
    const [y, m, d] = v.split('-').map(Number);
    return new neo4j.types.Date(y!, m!, d!);
  }
  if (INT_PROPS.has(prop) && typeof v === 'number') return neo4j.int(v);
  return v;
}

export function propsToGraph(props: Props): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(props)) out[k] = toGraph(k, v);
  return out;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  return JSON.stringify(a) === JSON.stringify(b);
}
