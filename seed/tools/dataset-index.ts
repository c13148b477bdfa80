/**
 * Loads the base dataset files of `seed/data/` into plain maps, for the data tests and authoring
 * tools. Deliberately independent of the loader in `seed/` (a second reading of the same format).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export type Obj = Record<string, unknown>;

export interface Entity {
  kind: EntityKind;
  id: string;
  file: string;
  data: Obj;
}

export type EntityKind =
  | 'regulation'
  | 'provision'
  | 'concept'
  | 'capability'
  | 'dataCategory'
  | 'serviceType'
  | 'institution'
  | 'deployment'
  | 'addresseeRole'
  | 'obligation'
  | 'designation';

export interface DataFile {
  file: string;
  doc: Obj;
}

export interface DatasetIndex {
  files: DataFile[];
  /** Every entity with an id, in file order (duplicates kept, for the duplicate check). */
  all: Entity[];
  byKind: Record<EntityKind, Map<string, Entity>>;
  /** provision id → regulation id */
  provisionRegulation: Map<string, string>;
  /** deployment id → institution id */
  deploymentInstitution: Map<string, string>;
}

export const LIST_KEYS: Record<string, EntityKind> = {
  regulations: 'regulation',
  concepts: 'concept',
  capabilities: 'capability',
  dataCategories: 'dataCategory',
  serviceTypes: 'serviceType',
  institutions: 'institution',
  addresseeRoles: 'addresseeRole',
  obligations: 'obligation',
  designations: 'designation',
};

export function loadDataFiles(dir: string): DataFile[] {
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => ({ file: f, doc: parse(readFileSync(join(dir, f), 'utf8')) as Obj }));
}

export function indexDataset(files: DataFile[]): DatasetIndex {
  const all: Entity[] = [];
  const byKind = Object.fromEntries(
    ['regulation', 'provision', 'concept', 'capability', 'dataCategory', 'serviceType', 'institution', 'deployment', 'addresseeRole', 'obligation', 'designation'].map((k) => [k, new Map()]),
  ) as Record<EntityKind, Map<string, Entity>>;
  const provisionRegulation = new Map<string, string>();
  const deploymentInstitution = new Map<string, string>();
  const add = (kind: EntityKind, data: Obj, file: string): void => {
    const e: Entity = { kind, id: String(data['id']), file, data };
    all.push(e);
    if (!byKind[kind].has(e.id)) byKind[kind].set(e.id, e);
  };
  for (const { file, doc } of files) {
    for (const [key, kind] of Object.entries(LIST_KEYS)) {
      const list = (doc[key] ?? []) as Obj[];
      for (const item of list) {
        add(kind, item, file);
        if (kind === 'regulation') {
          for (const p of (item['provisions'] ?? []) as Obj[]) {
            add('provision', p, file);
            provisionRegulation.set(String(p['id']), String(item['id']));
          }
        }
        if (kind === 'institution') {
          for (const d of (item['deployments'] ?? []) as Obj[]) {
            add('deployment', d, file);
            deploymentInstitution.set(String(d['id']), String(item['id']));
          }
        }
      }
    }
  }
  return { files, all, byKind, provisionRegulation, deploymentInstitution };
}

/** The id and every `broader` ancestor of it, nearest first. Throws on a cycle. */
export function ancestors(map: Map<string, Entity>, id: string): string[] {
  const out: string[] = [];
  let cur: string | null | undefined = id;
  while (cur) {
    if (out.includes(cur)) throw new Error(`broader cycle through ${cur}`);
    out.push(cur);
    cur = map.get(cur)?.data['broader'] as string | null | undefined;
  }
  return out;
}

export interface Versioned {
  validFrom: string;
  validTo?: string | null;
}

export function versionAt<T extends Versioned>(versions: T[], date: string): T | undefined {
  return versions.find((v) => v.validFrom <= date && (v.validTo == null || date < v.validTo));
}

export interface Context {
  serviceType: string;
  asOf: string;
  /** The sandbox designation in force for this use, if any. */
  designation?: string;
  institutionType?: string;
  /** Capabilities the service has beyond its type's (as `ApplicabilityContext.capabilities`). */
  capabilities?: string[];
}

export interface Applicable {
  obligation: string;
  reasons: string[];
}

/**
 * The obligations that apply to a service in a context, read exactly as docs/data-model.md specifies
 * (triggers OR-ed; sandboxOnly AND-ed; service-type triggers match narrower types; data-category
 * triggers match narrower categories; a type inherits its broader types' capabilities, data
 * categories, risk levels and statutory classes, as the obligations subgraph's engine reads them; an
 * institution type that none of an obligation's addressee roles covers is not bound; an obligation
 * with addressees but no trigger binds every service). A reference reading used to test that the triggers give the
 * intended answers; the product's engine lives elsewhere.
 */
export function applicableObligations(ix: DatasetIndex, ctx: Context): Applicable[] {
  if (!ix.byKind.serviceType.has(ctx.serviceType)) throw new Error(`unknown service type ${ctx.serviceType}`);
  // A narrower type has its broader types' capabilities, data categories and risk levels too.
  const chain = ancestors(ix.byKind.serviceType, ctx.serviceType).map((id) => ix.byKind.serviceType.get(id)!.data);
  const types = new Set(ancestors(ix.byKind.serviceType, ctx.serviceType));
  const caps = new Set([...chain.flatMap((t) => (t['capabilities'] ?? []) as string[]), ...(ctx.capabilities ?? [])]);
  const data = new Set(chain.flatMap((t) => (t['dataCategories'] ?? []) as string[]).flatMap((d) => ancestors(ix.byKind.dataCategory, d)));
  const risks = new Set(chain.map((t) => t['riskLevel'] as string | null).filter((r): r is string => Boolean(r)));
  const classes = new Set(chain.flatMap((t) => (t['statutoryClasses'] ?? []) as string[]));
  // Addressees: an institution type no role of the obligation covers is not bound (unknown type: kept).
  const covers = (roleId: string): boolean => {
    const r = ix.byKind.addresseeRole.get(roleId)?.data;
    return Boolean(r && (r['anyInstitutionType'] === true || ((r['institutionTypes'] ?? []) as string[]).includes(ctx.institutionType ?? '')));
  };
  const out: Applicable[] = [];
  for (const o of ix.byKind.obligation.values()) {
    const t = (o.data['triggers'] ?? {}) as Record<string, string[]>;
    const reasons: string[] = [];
    for (const x of t['serviceTypes'] ?? []) if (types.has(x)) reasons.push(`service type ${x}`);
    for (const x of t['capabilities'] ?? []) if (caps.has(x)) reasons.push(`capability ${x}`);
    for (const x of t['dataCategories'] ?? []) if (data.has(x)) reasons.push(`data ${x}`);
    for (const x of t['riskLevels'] ?? []) if (risks.has(x)) reasons.push(`risk level ${x}`);
    for (const x of t['statutoryClasses'] ?? []) if (classes.has(x)) reasons.push(`statutory class ${x}`);
    for (const x of t['institutionTypes'] ?? []) if (x === ctx.institutionType) reasons.push(`institution type ${x}`);
    for (const x of t['designations'] ?? []) if (x === ctx.designation) reasons.push(`designation ${x}`);
    const untriggered = Object.values(t).every((l) => (l ?? []).length === 0);
    if (o.data['sandboxOnly'] === true && untriggered && ctx.designation) reasons.push('sandbox (binds every designated service)');
    const addressees = (o.data['addressees'] ?? []) as string[];
    if (o.data['sandboxOnly'] !== true && untriggered && addressees.length > 0) reasons.push(`addressee ${addressees.join(', ')} (binds every service it provides)`);
    if (reasons.length === 0) continue;
    if (ctx.institutionType && addressees.length > 0 && !addressees.some(covers)) continue;
    if (o.data['sandboxOnly'] === true && !ctx.designation) continue;
    if (!versionAt(o.data['versions'] as Versioned[], ctx.asOf)) continue;
    out.push({ obligation: o.id, reasons });
  }
  return out.sort((a, b) => a.obligation.localeCompare(b.obligation));
}
