/**
 * Every obligation with what the engine needs of it (triggers, versions, provisions), held in memory
 * per data version and indexed by what triggers it. Obligations change only through the seed
 * loader, and there are few of them next to the questions asked (78 in the base data, 7,800 at the
 * benchmark's ×100), so one read per version replaces the candidate query of every new question
 * (with the subject index, subject-index.ts, a first-time question costs no Cypher query at all).
 */
import type { Reader } from '../../lib/neo4j.ts';
import type { Candidate } from './applicability.ts';
import * as Q from './cypher.ts';

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
  private readonly byTrigger = new Map<string, Candidate[]>();
  private readonly byId = new Map<string, Candidate>();
  readonly untargeted: Untargeted[] = [];

  constructor(candidates: Candidate[]) {
    for (const c of candidates) {
      this.byId.set(c.obligation.id, c);
      for (const t of c.triggerIds) {
        const list = this.byTrigger.get(t);
        if (list) list.push(c);
        else this.byTrigger.set(t, [c]);
      }
      const u = untargetedOf(c);
      if (u) this.untargeted.push(u);
    }
  }

  /** What CANDIDATE_OBLIGATIONS would return for these keys, in obligation-id order. */
  candidates(keys: CandidateKeys): Candidate[] {
    const out = new Map<string, Candidate>();
    for (const t of keys.triggerIds) for (const c of this.byTrigger.get(t) ?? []) out.set(c.obligation.id, c);
    for (const id of keys.exemptedIds) {
      const c = this.byId.get(id);
      if (c) out.set(id, c);
    }
    for (const id of matchUntargeted(this.untargeted, keys)) out.set(id, this.byId.get(id)!);
    return [...out.values()].sort((a, b) => (a.obligation.id < b.obligation.id ? -1 : a.obligation.id > b.obligation.id ? 1 : 0));
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

export async function readObligationIndex(exec: Reader): Promise<ObligationIndex> {
  return new ObligationIndex((await exec.read('obligationIndex', Q.ALL_CANDIDATES, {}, { shareStrings: true })) as unknown as Candidate[]);
}

export async function readUntargeted(exec: Reader): Promise<Untargeted[]> {
  return (await exec.read('untargetedObligations', Q.UNTARGETED_OBLIGATIONS)) as unknown as Untargeted[];
}
