/**
 * Every obligation with what the engine needs of it (triggers, versions, provisions), held in memory
 * per data version and indexed by what triggers it. Obligations change only through the seed
 * loader, and there are few of them next to the questions asked (91 in the base data, 91,000 at
 * ×1000), so one read per version replaces the candidate query of every new question (with the
 * subject index, subject-index.ts, a first-time question costs no engine query at all).
 * It is held compactly (compact-obligations.ts): no statement texts, ids as integers.
 */
import type { Reader } from '../../lib/neo4j.ts';
import type { Candidate } from './applicability.ts';
import * as Q from './cypher.ts';
import { CompactObligations } from './compact-obligations.ts';

/**
 * An obligation no relationship finds: triggered by a risk level, statutory class or institution
 * type, binding every sandboxed service, or binding every service its addressee provides.
 */
export interface Untargeted {
  id: string;
  riskLevels: string[];
  institutionTypes: string[];
  statutoryClasses: string[];
  bindsEverySandboxService: boolean;
  bindsEveryService: boolean;
}

export interface CandidateKeys {
  triggerIds: Iterable<string>;
  exemptedIds: Iterable<string>;
  riskLevels: Set<string>;
  statutoryClasses: Set<string>;
  institutionTypes: Set<string>;
  sandbox: boolean;
}

export class ObligationIndex {
  /** Obligation indexes (into the compact store) by what triggers them. */
  private readonly byTrigger = new Map<string, Int32Array>();
  private readonly byId = new Map<string, number>();
  readonly untargeted: Untargeted[] = [];

  constructor(private readonly store: CompactObligations) {
    const byTrigger = new Map<string, number[]>();
    for (let n = 0; n < store.count; n++) {
      this.byId.set(store.id(n), n);
      for (const t of store.triggerIds(n)) {
        const list = byTrigger.get(t);
        if (list) list.push(n);
        else byTrigger.set(t, [n]);
      }
    }
    for (const [t, list] of byTrigger) this.byTrigger.set(t, Int32Array.from(list));
  }

  /** Built from whole rows (tests, and the rows of the paged read). */
  static of(candidates: Candidate[]): ObligationIndex {
    const builder = new ObligationIndexBuilder();
    builder.add(candidates);
    return builder.build();
  }

  /** What CANDIDATE_OBLIGATIONS would return for these keys, in obligation-id order. */
  candidates(keys: CandidateKeys): Candidate[] {
    const out = new Set<number>();
    for (const t of keys.triggerIds) for (const n of this.byTrigger.get(t) ?? []) out.add(n);
    for (const id of keys.exemptedIds) {
      const n = this.byId.get(id);
      if (n !== undefined) out.add(n);
    }
    for (const id of matchUntargeted(this.untargeted, keys)) out.add(this.byId.get(id)!);
    return [...out]
      .map((n) => this.store.candidate(n))
      .sort((a, b) => (a.obligation.id < b.obligation.id ? -1 : a.obligation.id > b.obligation.id ? 1 : 0));
  }
}

/** Collects the rows page by page (they need not be held together: each goes into the compact store). */
export class ObligationIndexBuilder {
  private readonly store = new CompactObligations();
  private readonly untargeted: Untargeted[] = [];

  add(rows: Candidate[]): void {
    for (const c of rows) {
      this.store.add(c);
      const u = untargetedOf(c);
      if (u) this.untargeted.push(u);
    }
  }

  build(): ObligationIndex {
    this.store.seal();
    const index = new ObligationIndex(this.store);
    index.untargeted.push(...this.untargeted);
    return index;
  }
}

function untargetedOf(c: Candidate): Untargeted | null {
  const riskLevels = c.obligation.triggerRiskLevels ?? [];
  const institutionTypes = c.obligation.triggerInstitutionTypes ?? [];
  const statutoryClasses = c.obligation.triggerStatutoryClasses ?? [];
  const untriggered = riskLevels.length === 0 && institutionTypes.length === 0 && statutoryClasses.length === 0 && c.triggerIds.length === 0;
  const bindsEverySandboxService = c.obligation.sandboxOnly === true && untriggered;
  const bindsEveryService = c.obligation.sandboxOnly !== true && untriggered && (c.addressees ?? []).length > 0;
  return riskLevels.length || institutionTypes.length || statutoryClasses.length || bindsEverySandboxService || bindsEveryService
    ? { id: c.obligation.id, riskLevels, institutionTypes, statutoryClasses, bindsEverySandboxService, bindsEveryService }
    : null;
}

/** The untargeted obligations a question reaches. */
export function matchUntargeted(untargeted: Untargeted[], keys: Pick<CandidateKeys, 'riskLevels' | 'statutoryClasses' | 'institutionTypes' | 'sandbox'>): string[] {
  return untargeted
    .filter(
      (u) =>
        u.bindsEveryService ||
        u.riskLevels.some((r) => keys.riskLevels.has(r)) ||
        u.statutoryClasses.some((x) => keys.statutoryClasses.has(x)) ||
        u.institutionTypes.some((t) => keys.institutionTypes.has(t)) ||
        (keys.sandbox && u.bindsEverySandboxService),
    )
    .map((u) => u.id);
}

/**
 * Obligations per page of the index read. One query for all of them took 42 s at ×1000 (91,000
 * obligations), four times the query timeout; a page of 2,000 took at most 2.9 s there (46 pages on
 * a loaded machine). Each page is its own query (keyset pagination on the unique id, so a page never
 * rescans the ones before it).
 */
export const OBLIGATION_PAGE_SIZE = 2000;

export async function readObligationIndex(exec: Reader, pageSize = OBLIGATION_PAGE_SIZE): Promise<ObligationIndex> {
  const builder = new ObligationIndexBuilder();
  let after = '';
  for (;;) {
    const rows = (await exec.read('obligationIndexPage', Q.CANDIDATES_PAGE, { after, limit: pageSize })) as unknown as Candidate[];
    builder.add(rows);
    if (rows.length < pageSize) break;
    after = rows[rows.length - 1]!.obligation.id;
  }
  return builder.build();
}

export async function readUntargeted(exec: Reader): Promise<Untargeted[]> {
  return (await exec.read('untargetedObligations', Q.UNTARGETED_OBLIGATIONS)) as unknown as Untargeted[];
}
