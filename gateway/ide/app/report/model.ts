/**
 * Reads applicability reports out of a GraphQL response for the report view. No DOM and no React
 * here, so the unit tests exercise it directly. The view shows what the operation selected: a text
 * in both languages comes as `xKo`/`xEn` (fields or aliases), a text in one language as `x`.
 */
import { Kind, parse, valueFromASTUntyped, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

export type Language = 'KO' | 'EN';
type Json = Record<string, unknown>;

export const STATUSES = ['APPLIES', 'EXEMPTED_BY_DESIGNATION', 'MODIFIED_BY_DESIGNATION', 'NOT_YET_IN_FORCE', 'NO_LONGER_IN_FORCE'] as const;

/** One applicability report found in the response, and where. */
export interface FoundReport {
  /** Response path, e.g. `applicableObligations` or `institution.obligations.0`. */
  path: string;
  /** The field name (not alias) the report came from, when the query says. */
  field: string;
  report: Json;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A report is any object whose `results` are objects with a `status` and an `obligation`. */
export function isReport(v: unknown): v is Json {
  if (!isObject(v) || !Array.isArray(v.results)) return false;
  return v.results.every((r) => isObject(r) && typeof r.status === 'string' && isObject(r.obligation));
}

/** Every report in `data`, depth first, in response order. */
export function findReports(data: unknown, fieldNames: Map<string, string> = new Map()): FoundReport[] {
  const found: FoundReport[] = [];
  const walk = (v: unknown, path: string[]) => {
    if (isReport(v)) {
      const key = path.filter((p) => !/^\d+$/.test(p)).join('.');
      found.push({ path: path.join('.'), field: fieldNames.get(key) ?? path.filter((p) => !/^\d+$/.test(p)).at(-1) ?? '', report: v });
      return;
    }
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, String(i)]));
    else if (isObject(v)) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(data, []);
  return found;
}

/** The response text as JSON with a `data` member, or null (errors only, not JSON, empty). */
export function parseResponse(text: string | null | undefined): Json | null {
  if (!text) return null;
  try {
    const v: unknown = JSON.parse(text);
    return isObject(v) && isObject(v.data) ? v : null;
  } catch {
    return null;
  }
}

/** `obj.baseKo`/`obj.baseEn` for the language, else the other one, else `obj.base`. */
export function localized(obj: unknown, base: string, lang: Language): string | null {
  if (!isObject(obj)) return null;
  const [mine, other] = lang === 'KO' ? ['Ko', 'En'] : ['En', 'Ko'];
  for (const key of [`${base}${mine}`, base, `${base}${other}`]) {
    const v = obj[key];
    if (typeof v === 'string' && v) return v;
  }
  return null;
}

/** What the query asked: the operation's comment title, arguments of the report field, the language. */
export interface QueryFacts {
  title: string | null;
  operationName: string | null;
  /** Arguments of each report field by response key path (aliases resolved), with variables filled in. */
  args: Map<string, Json>;
  /** Response key path (no list indexes) → field name. */
  fieldNames: Map<string, string>;
  language: Language | null;
}

/** Variables as the pane holds them (JSON, maybe with whole-line comments); {} when unreadable. */
export function parseVariables(text: string | null | undefined): Json {
  if (!text?.trim()) return {};
  try {
    const v: unknown = JSON.parse(text.replace(/^\s*\/\/.*$/gm, ''));
    return isObject(v) ? v : {};
  } catch {
    return {};
  }
}

/**
 * Reads the operation that produced the response. The default language is the `language` argument:
 * one given through a variable wins (that is the caller's choice), else the literal, if the query
 * uses only one.
 */
export function queryFacts(query: string | null | undefined, variables: Json, operationName?: string | null): QueryFacts {
  const facts: QueryFacts = { title: null, operationName: null, args: new Map(), fieldNames: new Map(), language: null };
  if (!query) return facts;
  const comment = /^\s*#\s*(.+)$/m.exec(query);
  facts.title = comment?.[1]?.trim() ?? null;
  let doc;
  try {
    doc = parse(query);
  } catch {
    return facts;
  }
  const operations = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operations.find((o) => o.name?.value === operationName) ?? operations[0];
  if (!op) return facts;
  facts.operationName = op.name?.value ?? null;
  const defaults: Json = {};
  for (const def of op.variableDefinitions ?? []) {
    if (def.defaultValue) defaults[def.variable.name.value] = valueFromASTUntyped(def.defaultValue);
  }
  const vars = { ...defaults, ...variables };
  const fromVariable = new Set<string>();
  const literal = new Set<string>();
  // Named fragments count as if written in place (the change-feed examples select through them).
  const fragments = new Map(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const entered = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, path: string[]) => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet, path);
      if (sel.kind === Kind.FRAGMENT_SPREAD && !entered.has(sel.name.value)) {
        entered.add(sel.name.value);
        walk(fragments.get(sel.name.value)?.selectionSet, path);
        entered.delete(sel.name.value);
      }
      if (sel.kind !== Kind.FIELD) continue;
      const field = sel as FieldNode;
      const key = [...path, field.alias?.value ?? field.name.value];
      facts.fieldNames.set(key.join('.'), field.name.value);
      const args: Json = {};
      for (const arg of field.arguments ?? []) {
        args[arg.name.value] = valueFromASTUntyped(arg.value, vars);
        if (arg.name.value === 'language') {
          const value = args.language;
          if (value === 'KO' || value === 'EN') (arg.value.kind === Kind.VARIABLE ? fromVariable : literal).add(value);
        }
      }
      if (Object.keys(args).length) facts.args.set(key.join('.'), args);
      walk(field.selectionSet, key);
    }
  };
  walk(op.selectionSet, []);
  const chosen = [...fromVariable][0] ?? (literal.size === 1 ? [...literal][0] : undefined);
  facts.language = (chosen as Language | undefined) ?? null;
  return facts;
}

/** The `GET /reports/applicability.<format>` query string for a report, or null when it names no subject. */
export function downloadQuery(found: FoundReport, facts: QueryFacts, lang: Language): string | null {
  const report = found.report;
  const keyPath = found.path.split('.').filter((p) => !/^\d+$/.test(p)).join('.');
  const args = found.field === 'applicableObligations' ? (facts.args.get(keyPath) ?? {}) : {};
  const context = isObject(args.context) ? args.context : {};
  const q = new URLSearchParams();
  const deployment = (typeof args.deployment === 'string' && args.deployment) || (isObject(report.deployment) && typeof report.deployment.id === 'string' ? report.deployment.id : null);
  const serviceType = (typeof args.serviceType === 'string' && args.serviceType) || (isObject(report.serviceType) && typeof report.serviceType.id === 'string' ? report.serviceType.id : null);
  if (deployment) q.set('deployment', deployment);
  else if (serviceType) q.set('serviceType', serviceType);
  else return null;
  const asOf = (typeof context.asOf === 'string' && context.asOf) || (typeof report.asOf === 'string' ? report.asOf : null);
  if (asOf) q.set('asOf', asOf);
  // Only the sandbox flag as asked: the report's `sandbox` is the outcome (false once a designation has expired).
  if (typeof context.sandbox === 'boolean') q.set('sandbox', String(context.sandbox));
  if (typeof context.institutionType === 'string') q.set('institutionType', context.institutionType);
  q.set('language', lang);
  return q.toString();
}

export interface Row {
  index: number;
  id: string;
  kind: string;
  status: string;
  binding: boolean | null;
  statement: string | null;
  regulation: string;
  citations: { text: string; url: string | null; inForce: boolean | null }[];
  effect: { effect: string; note: string | null; designation: string | null } | null;
  appliesIf: string | null;
  reasons: { kind: string; explanation: string | null; path: { type: string; id: string; name: string; via: string | null }[] }[];
}

/** The report's results as table rows in the chosen language. */
export function rowsOf(report: Json, lang: Language): Row[] {
  const results = (report.results as Json[]) ?? [];
  return results.map((r, index) => {
    const o = r.obligation as Json;
    const citations = Array.isArray(r.citations) ? (r.citations.filter(isObject) as Json[]) : [];
    const effect = isObject(r.designationEffect) ? r.designationEffect : null;
    const reasons = Array.isArray(r.reasons) ? (r.reasons.filter(isObject) as Json[]) : [];
    return {
      index,
      id: String(o.id ?? ''),
      kind: String(o.kind ?? ''),
      status: String(r.status),
      binding: typeof r.binding === 'boolean' ? r.binding : null,
      statement: localized(o, 'statement', lang),
      regulation: localized(citations[0], 'regulationName', lang) ?? '',
      citations: citations.map((c) => ({
        text: localized(c, 'citation', lang) ?? '',
        url: typeof c.sourceUrl === 'string' ? c.sourceUrl : null,
        inForce: typeof c.inForce === 'boolean' ? c.inForce : null,
      })),
      effect: effect
        ? {
            effect: String(effect.effect ?? ''),
            note: localized(effect, 'note', lang),
            designation: isObject(effect.designation) && typeof effect.designation.id === 'string' ? effect.designation.id : null,
          }
        : null,
      appliesIf: localized(r, 'appliesIf', lang),
      reasons: reasons.map((x) => ({
        kind: String(x.kind ?? ''),
        explanation: localized(x, 'explanation', lang),
        path: (Array.isArray(x.path) ? (x.path.filter(isObject) as Json[]) : []).map((s) => ({
          type: String(s.type ?? ''),
          id: String(s.id ?? ''),
          name: localized(s, 'name', lang) ?? String(s.id ?? ''),
          via: typeof s.via === 'string' ? s.via : null,
        })),
      })),
    };
  });
}

export type SortKey = 'article' | 'status' | 'obligation' | 'binding';

/** Rows grouped by regulation (groups in name order, "" last), sorted within each group. */
export function groupRows(rows: Row[], sort: SortKey, descending: boolean): { regulation: string; rows: Row[] }[] {
  const statusRank = (s: string) => {
    const i = (STATUSES as readonly string[]).indexOf(s);
    return i < 0 ? STATUSES.length : i;
  };
  const cmp = (a: Row, b: Row): number => {
    switch (sort) {
      case 'status':
        return statusRank(a.status) - statusRank(b.status);
      case 'binding':
        return Number(b.binding) - Number(a.binding);
      case 'obligation':
        return a.id.localeCompare(b.id);
      default:
        return (a.citations[0]?.text ?? '').localeCompare(b.citations[0]?.text ?? '', undefined, { numeric: true });
    }
  };
  const groups = new Map<string, Row[]>();
  for (const row of rows) groups.set(row.regulation, [...(groups.get(row.regulation) ?? []), row]);
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([regulation, rs]) => ({ regulation, rows: [...rs].sort((a, b) => (descending ? -1 : 1) * (cmp(a, b) || a.id.localeCompare(b.id))) }));
}
