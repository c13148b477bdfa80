/**
 * Reads change feeds (`changes`, a list of ApplicabilityChange, and `upcomingChanges`, the same
 * grouped by instrument) out of a GraphQL response for the change-feed view. No DOM and no React, so
 * the unit tests exercise it directly. Like model.ts, the view shows what the operation selected:
 * a text in both languages comes as `xKo`/`xEn`, in one language as `x`.
 */
import { localized, type Language } from './model.ts';

type Json = Record<string, unknown>;

/** In the order the schema lists them (ApplicabilityChangeKind), which is also the filter's order. */
export const CHANGE_KINDS = ['NEW_OBLIGATION', 'STARTS_APPLYING', 'STOPS_APPLYING', 'RETIRED', 'EXEMPTION_STARTS', 'EXEMPTION_ENDS', 'WORDING_CHANGED'] as const;

/** One group of changes: an instrument's (upcomingChanges) or the whole list (changes). */
export interface FeedGroup {
  regulation: { id: string; name: string | null } | null;
  amendments: string[];
  changes: Json[];
}

/** One change feed found in the response, and where. */
export interface FoundFeed {
  path: string;
  /** True for `upcomingChanges`-shaped answers (groups by instrument). */
  grouped: boolean;
  /** The raw groups; `feedGroups` reads them in a language. */
  raw: Json[];
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A change is an object with the day (`on`), the `kind` and the `obligation`. */
export function isChange(v: unknown): v is Json {
  return isObject(v) && typeof v.on === 'string' && typeof v.kind === 'string' && isObject(v.obligation);
}

const isChangeList = (v: unknown): v is Json[] => Array.isArray(v) && v.every(isChange);
const isGroupList = (v: unknown): v is Json[] => Array.isArray(v) && v.every((g) => isObject(g) && isChangeList(g.changes));

/**
 * Every change feed in `data`, depth first. A list is a feed by shape when it holds changes, or
 * when it is empty and the query's field there is `changes` / `upcomingChanges` (an empty window
 * still deserves "no changes", not the JSON pane).
 */
export function findFeeds(data: unknown, fieldNames: Map<string, string> = new Map()): FoundFeed[] {
  const found: FoundFeed[] = [];
  const walk = (v: unknown, path: string[]) => {
    const field = fieldNames.get(path.filter((p) => !/^\d+$/.test(p)).join('.')) ?? path.at(-1);
    if (Array.isArray(v) && v.length === 0) {
      if (field === 'changes' || field === 'upcomingChanges') found.push({ path: path.join('.'), grouped: field === 'upcomingChanges', raw: [] });
      return;
    }
    if (isChangeList(v)) {
      found.push({ path: path.join('.'), grouped: false, raw: [{ changes: v }] });
      return;
    }
    if (isGroupList(v)) {
      found.push({ path: path.join('.'), grouped: true, raw: v });
      return;
    }
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, String(i)]));
    else if (isObject(v)) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(data, []);
  return found;
}

export type DiffLineKind = 'add' | 'del' | 'context' | 'hunk' | 'meta';

/** A unified diff as lines to style; the text stays text (the view renders it as React children). */
export function parsePatch(patch: string): { kind: DiffLineKind; text: string }[] {
  const lines = patch.replace(/\n$/, '').split('\n');
  let inHunk = false;
  return lines.map((line) => {
    if (line.startsWith('@@')) {
      inHunk = true;
      return { kind: 'hunk' as const, text: line };
    }
    // Before the first hunk, "---"/"+++" name the versions; inside one they are a removed "--" line.
    if (!inHunk || line.startsWith('\\')) return { kind: 'meta' as const, text: line };
    if (line.startsWith('+')) return { kind: 'add' as const, text: line.slice(1) };
    if (line.startsWith('-')) return { kind: 'del' as const, text: line.slice(1) };
    return { kind: 'context' as const, text: line.slice(1) };
  });
}

export interface ChangeRow {
  /** Position in the response (groups flattened), stable across languages and filters. */
  index: number;
  on: string;
  kind: string;
  before: string | null;
  after: string | null;
  obligationId: string;
  statement: string | null;
  /** The deployment, else the service type, whose report changes. */
  subject: string;
  citations: { text: string; url: string | null }[];
  cause: { kind: string; description: string | null; estimated: boolean } | null;
  explanation: string | null;
  diffs: { provisionId: string; citation: string; fromVersion: string | null; toVersion: string | null; lines: ReturnType<typeof parsePatch> }[];
}

/**
 * The source of a cited provision on the change's day: the version in force then when the query
 * asked for `versions`, else the one `versionAt` gave.
 */
function sourceOn(provision: Json, on: string): string | null {
  if (Array.isArray(provision.versions)) {
    const versions = provision.versions.filter(isObject).filter((v) => typeof v.sourceUrl === 'string');
    const current = versions.filter((v) => typeof v.validFrom === 'string' && v.validFrom <= on).at(-1) ?? versions[0];
    if (current) return current.sourceUrl as string;
  }
  return isObject(provision.versionAt) && typeof provision.versionAt.sourceUrl === 'string' ? provision.versionAt.sourceUrl : null;
}

const idOf = (v: unknown): string | null => (isObject(v) && typeof v.id === 'string' ? v.id : null);

function rowOf(c: Json, index: number, lang: Language): ChangeRow {
  const o = c.obligation as Json;
  const on = String(c.on);
  const provisions = Array.isArray(o.provisions) ? o.provisions.filter(isObject) : [];
  const diffs = Array.isArray(c.textDiffs) ? c.textDiffs.filter(isObject) : [];
  const cause = isObject(c.cause) ? c.cause : null;
  return {
    index,
    on,
    kind: String(c.kind),
    before: typeof c.before === 'string' ? c.before : null,
    after: typeof c.after === 'string' ? c.after : null,
    obligationId: String(o.id ?? ''),
    statement: localized(o, 'statement', lang),
    subject: idOf(c.deployment) ?? idOf(c.serviceType) ?? '',
    citations: provisions.map((p) => ({ text: localized(p, 'citation', lang) ?? String(p.id ?? ''), url: sourceOn(p, on) })),
    cause: cause ? { kind: String(cause.kind ?? ''), description: localized(cause, 'description', lang), estimated: cause.estimated === true } : null,
    explanation: localized(c, 'explanation', lang),
    diffs: diffs
      .filter((d) => typeof d.patch === 'string')
      .map((d) => ({
        provisionId: idOf(d.provision) ?? '',
        citation: localized(d.provision, 'citation', lang) ?? idOf(d.provision) ?? '',
        fromVersion: typeof d.fromVersion === 'string' ? d.fromVersion : null,
        toVersion: typeof d.toVersion === 'string' ? d.toVersion : null,
        lines: parsePatch(d.patch as string),
      })),
  };
}

export interface RowGroup {
  regulation: { id: string; name: string | null } | null;
  amendments: string[];
  rows: ChangeRow[];
}

/**
 * The feed's groups in the chosen language, rows in date order (the response's order within a
 * day: the server sorts by day, then subject and obligation). `index` counts across groups.
 */
export function feedGroups(feed: FoundFeed, lang: Language): RowGroup[] {
  let index = 0;
  return feed.raw.map((g) => {
    const rows = (Array.isArray(g.changes) ? g.changes.filter(isChange) : []).map((c) => rowOf(c, index++, lang));
    rows.sort((a, b) => a.on.localeCompare(b.on) || a.index - b.index);
    const reg = isObject(g.regulation) ? g.regulation : null;
    return {
      regulation: reg ? { id: String(reg.id ?? ''), name: localized(reg, 'name', lang) } : null,
      amendments: Array.isArray(g.amendments) ? g.amendments.map(idOf).filter((x): x is string => x !== null) : [],
      rows,
    };
  });
}

/** Kinds present in the feed, in CHANGE_KINDS order (unknown kinds last), with their counts. */
export function kindCounts(groups: RowGroup[]): { kind: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const g of groups) for (const r of g.rows) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  const rank = (k: string) => ((CHANGE_KINDS as readonly string[]).includes(k) ? (CHANGE_KINDS as readonly string[]).indexOf(k) : CHANGE_KINDS.length);
  return [...counts.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)).map(([kind, count]) => ({ kind, count }));
}
