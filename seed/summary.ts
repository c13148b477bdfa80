/** What a plan changes, in the regulator's terms: new / changed / repealed provisions and so on. */
import { createTwoFilesPatch } from 'diff';
import type { Label } from '../db/migrate.ts';
import { GraphState, SPEC, type NodeState } from './graph-model.ts';
import type { Diff } from './planner.ts';

export interface EntityCounts {
  new: number;
  changed: number;
  deleted: number;
}

export interface TextDiff {
  provision: string;
  /** Version the old text belongs to (`<id>@<validFrom>`), null for a new provision. */
  from: string | null;
  to: string | null;
  patch: string;
}

export interface PlanSummary {
  /** False when applying would write nothing (besides the audit record). */
  changed: boolean;
  provisions: { new: string[]; changed: string[]; repealed: string[] };
  obligations: { new: string[]; changed: string[]; retired: string[] };
  designations: { new: string[]; changed: string[] };
  amendments: { new: string[] };
  /** Node counts per label. */
  entities: Partial<Record<Label, EntityCounts>>;
  relationships: { added: number; removed: number };
  /** Readable diffs of changed provision text (Korean text; capped at `MAX_TEXT_DIFFS`). */
  textDiffs: TextDiff[];
}

export const MAX_TEXT_DIFFS = 200;

function latest(state: GraphState, owner: NodeState | undefined, spec: 'P_VER' | 'O_VER'): NodeState | undefined {
  if (!owner) return undefined;
  const label = SPEC[spec]!.other;
  let best: NodeState | undefined;
  for (const id of owner.rels.get(spec) ?? []) {
    const v = state.get(label, id);
    if (v && (!best || String(v.props.validFrom) > String(best.props.validFrom))) best = v;
  }
  return best;
}

function hasOpen(state: GraphState, owner: NodeState | undefined, spec: 'P_VER' | 'O_VER'): boolean {
  if (!owner) return false;
  const label = SPEC[spec]!.other;
  for (const id of owner.rels.get(spec) ?? []) if (state.get(label, id)?.props.validTo === null) return true;
  return false;
}

export function summarize(diff: Diff): PlanSummary {
  const entities: Partial<Record<Label, EntityCounts>> = {};
  const count = (label: Label, k: keyof EntityCounts): void => {
    const e = (entities[label] ??= { new: 0, changed: 0, deleted: 0 });
    e[k]++;
  };
  const created = new Set<string>();
  const touched = { Provision: new Set<string>(), Obligation: new Set<string>(), SandboxDesignation: new Set<string>() };
  const ownerOf = (label: Label, id: string, props: Record<string, unknown> | undefined): ['Provision' | 'Obligation' | 'SandboxDesignation', string] | null => {
    if (label === 'Provision' || label === 'Obligation' || label === 'SandboxDesignation') return [label, id];
    if (label === 'ProvisionVersion') return ['Provision', String(props?.provisionId ?? id.split('@')[0])];
    if (label === 'ObligationVersion') return ['Obligation', String(props?.obligationId ?? id.split('@')[0])];
    if (label === 'Exemption') return ['SandboxDesignation', id.split('#')[0]!];
    return null;
  };
  const amendmentsNew: string[] = [];
  for (const c of diff.created) {
    count(c.label, 'new');
    if (c.label === 'Provision' || c.label === 'Obligation' || c.label === 'SandboxDesignation') created.add(`${c.label}:${c.id}`);
    if (c.label === 'Amendment') amendmentsNew.push(c.id);
    const o = ownerOf(c.label, c.id, diff.desired.get(c.label, c.id)?.props);
    if (o) touched[o[0]].add(o[1]);
  }
  for (const c of diff.updated) {
    count(c.label, 'changed');
    const o = ownerOf(c.label, c.id, diff.desired.get(c.label, c.id)?.props);
    if (o) touched[o[0]].add(o[1]);
  }
  for (const c of diff.deleted) {
    count(c.label, 'deleted');
    const o = ownerOf(c.label, c.id, diff.graph.get(c.label, c.id)?.props);
    if (o) touched[o[0]].add(o[1]);
  }
  let added = 0;
  let removed = 0;
  for (const [spec, rows] of diff.relAdds) {
    added += rows.length;
    for (const r of rows) {
      const ow = ownerOf(SPEC[spec]!.owner, r.owner, diff.desired.get(SPEC[spec]!.owner, r.owner)?.props);
      if (ow) touched[ow[0]].add(ow[1]);
    }
  }
  for (const [spec, rows] of diff.relDels) {
    removed += rows.length;
    for (const r of rows) {
      const ow = ownerOf(SPEC[spec]!.owner, r.owner, diff.graph.get(SPEC[spec]!.owner, r.owner)?.props);
      if (ow) touched[ow[0]].add(ow[1]);
    }
  }

  const split = (label: 'Provision' | 'Obligation' | 'SandboxDesignation'): { new: string[]; changed: string[] } => {
    const ids = [...touched[label]].sort();
    return { new: ids.filter((id) => created.has(`${label}:${id}`)), changed: ids.filter((id) => !created.has(`${label}:${id}`)) };
  };
  const prov = split('Provision');
  const obl = split('Obligation');
  const repealed = prov.changed.filter((id) => hasOpen(diff.graph, diff.graph.get('Provision', id), 'P_VER') && !hasOpen(diff.desired, diff.desired.get('Provision', id), 'P_VER'));
  const retired = obl.changed.filter((id) => hasOpen(diff.graph, diff.graph.get('Obligation', id), 'O_VER') && !hasOpen(diff.desired, diff.desired.get('Obligation', id), 'O_VER'));

  const textDiffs: TextDiff[] = [];
  for (const id of prov.changed) {
    if (textDiffs.length >= MAX_TEXT_DIFFS) break;
    const before = latest(diff.graph, diff.graph.get('Provision', id), 'P_VER');
    const after = latest(diff.desired, diff.desired.get('Provision', id), 'P_VER');
    const a = String(before?.props.textKo ?? '');
    const b = String(after?.props.textKo ?? '');
    if (a === b) continue;
    textDiffs.push({
      provision: id,
      from: before?.id ?? null,
      to: after?.id ?? null,
      patch: createTwoFilesPatch(before?.id ?? '(none)', after?.id ?? '(none)', a.endsWith('\n') ? a : `${a}\n`, b.endsWith('\n') ? b : `${b}\n`, '', '', { context: 2 }),
    });
  }

  const anyChange = diff.created.length + diff.updated.length + diff.deleted.length + added + removed > 0;
  return {
    changed: anyChange,
    provisions: { new: prov.new, changed: prov.changed.filter((id) => !repealed.includes(id)), repealed },
    obligations: { new: obl.new, changed: obl.changed.filter((id) => !retired.includes(id)), retired },
    designations: split('SandboxDesignation'),
    amendments: { new: amendmentsNew.sort() },
    entities,
    relationships: { added, removed },
    textDiffs,
  };
}

/** One line for the ChangeSet's `summary` property and the CLI. */
export function summaryLine(s: PlanSummary): string {
  if (!s.changed) return 'no changes';
  const parts: string[] = [];
  const p = s.provisions;
  const o = s.obligations;
  const part = (name: string, xs: Array<[string, number]>): void => {
    const nz = xs.filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`);
    if (nz.length) parts.push(`${name}: ${nz.join(', ')}`);
  };
  part('provisions', [['new', p.new.length], ['changed', p.changed.length], ['repealed', p.repealed.length]]);
  part('obligations', [['new', o.new.length], ['changed', o.changed.length], ['retired', o.retired.length]]);
  part('designations', [['new', s.designations.new.length], ['changed', s.designations.changed.length]]);
  part('amendments', [['new', s.amendments.new.length]]);
  const others = Object.entries(s.entities)
    .filter(([l]) => !['Provision', 'ProvisionVersion', 'Obligation', 'ObligationVersion', 'SandboxDesignation', 'Exemption', 'Amendment'].includes(l))
    .map(([l, c]) => `${l} ${c!.new}+/${c!.changed}~/${c!.deleted}-`);
  if (others.length) parts.push(`other: ${others.join(', ')}`);
  parts.push(`relationships: +${s.relationships.added}/-${s.relationships.removed}`);
  return parts.join('; ');
}
