/**
 * What a sandbox designation does to a candidate obligation on `asOf`: its exemptions apply only
 * while it is in force, and the duties of an innovative financial business operator (sandbox-only
 * obligations) start with it and, after it ends, continue only as far as FISA Art. 9(1)'s proviso
 * keeps them. The dates come from the shared lifecycle (subgraphs/shared/designation-lifecycle.ts),
 * the same one `SandboxDesignation.status` answers from; the wording is in designation-wording.ts.
 */
import { factsOf, inForce, lifecycleOf, statusOn, type DesignationStatus, type Lifecycle } from '../shared/designation-lifecycle.ts';
import type { Candidate, DesignationCtx, Exemption, Reason } from './engine-types.ts';
import { sandboxDutyReason, exemptionLifecycleReason } from './designation-wording.ts';

export interface DesignationState {
  z: DesignationCtx;
  life: Lifecycle;
  status: DesignationStatus;
  inForce: boolean;
}

/** Each designation in play with its lifecycle and its status on `asOf`. */
export function designationStates(designations: DesignationCtx[], asOf: string): DesignationState[] {
  return designations.map((z) => {
    const life = lifecycleOf(factsOf(z));
    const status = statusOn(life, asOf);
    return { z, life, status, inForce: inForce(status) };
  });
}

export type FoundExemption = Exemption & { designationId: string; state: DesignationState };

/** The first exemption of a designation in play that affects the candidate, in force or not. */
export function findExemption(states: DesignationState[], cand: Candidate): FoundExemption | null {
  for (const state of states) {
    for (const e of state.z.exemptions) {
      const listed = e.obligationIds.length > 0;
      if ((listed && e.obligationIds.includes(cand.obligation.id)) || (!listed && cand.provisions.some((p) => p.id === e.provisionId))) {
        return { ...e, designationId: state.z.id, state };
      }
    }
  }
  return null;
}

/**
 * An exemption of a designation that is not in force: no exemption, and the reason why (the
 * designation has not started, has ended — when, estimated or not — or has no known date).
 */
export function exemptionNotInForce(e: FoundExemption, cand: Candidate): Reason | null {
  return e.state.inForce ? null : exemptionLifecycleReason(e, cand);
}

/**
 * What happens to a sandbox-only duty after the designation ends. FISA Art. 9:
 *   "① 혁신금융사업자는 혁신금융서비스 지정기간이 만료된 경우 혁신금융사업자로서의 지위를 상실한다. 다만,
 *   혁신금융사업자는 지정기간 만료에도 불구하고 금융소비자 보호, 「금융위원회의 설치 등에 관한 법률」 제24조제1항에
 *   따른 금융감독원 … 및 이 법 제29조제1항에 따른 지정 감독기관의 감독ㆍ검사 등을 위해 필요한 경우에는 그 필요한
 *   범위 내에서 혁신금융사업자로서 의무를 준수하여야 한다.
 *   ② 지정기간이 만료된 경우 혁신금융사업자는 즉시 혁신금융서비스의 운영을 종료하여야 한다."
 * So, per duty:
 * - Art. 18 (reports, "제6항 … 지체 없이 금융위원회에 보고", "제7항 … 금융위원회의 명령을 적절히 이행"):
 *   what supervision and inspection need after the end — CONTINUES.
 * - Art. 19 ("금융소비자 보호 및 위험 관리 등을 위한 방안을 마련하고 이를 준수"): consumer protection —
 *   CONTINUES (for users of the ended service, e.g. winding down).
 * - Art. 27 ("혁신금융서비스의 제공 및 중단 등으로 인하여 이용자에게 손해가 발생한 경우 이를 배상할 책임"):
 *   liability explicitly covers stopping the service — CONTINUES.
 * - Art. 28 (complaints and dispute procedure for "이용자등"): consumer protection — CONTINUES.
 * - Art. 20 ("지정기간 중 혁신금융서비스를 제공함에 있어 사전에 … 고지", then consent): bound to providing
 *   the trial service during the period, which Art. 9(2) ends — LAPSES.
 * - Designation conditions (Art. 4(3) "필요한 조건"): they govern how the designated service is run
 *   (who may use it, caps, partners); with the service ended they have nothing left to govern — LAPSES.
 *   (Complaints about contracts made under the designation stay covered by Art. 28, which continues.)
 */
const CONTINUING_PROVISIONS = new Set(['kr/fisa/art-18', 'kr/fisa/art-19', 'kr/fisa/art-27', 'kr/fisa/art-28']);

export type AfterExpiry = 'CONTINUES' | 'LAPSES';

export function afterExpiry(cand: Candidate): AfterExpiry {
  if (cand.obligation.kind === 'DESIGNATION_CONDITION') return 'LAPSES';
  return cand.provisions.some((p) => CONTINUING_PROVISIONS.has(p.id)) ? 'CONTINUES' : 'LAPSES';
}

/**
 * The designation whose dates govern a sandbox-only duty: the one a condition belongs to; for the
 * general duties one in force, else the one that ended last, else the first to start.
 */
function governing(states: DesignationState[], cand: Candidate): DesignationState | null {
  const own = states.find((s) => cand.triggerIds.includes(s.z.id));
  if (own) return own;
  const live = states.find((s) => s.inForce);
  if (live) return live;
  const ended = states.filter((s) => s.status === 'EXPIRED').sort((a, b) => (b.life.periodEnd ?? '').localeCompare(a.life.periodEnd ?? ''))[0];
  return ended ?? states.find((s) => s.status === 'NOT_YET_DESIGNATED') ?? null;
}

export interface SandboxDutyOutcome {
  /** The status the duty takes (replacing APPLIES), or null to keep the status by date. */
  status: 'NOT_YET_IN_FORCE' | 'NO_LONGER_IN_FORCE' | null;
  reason: Reason;
}

/**
 * A sandbox-only duty on `asOf` when the designation governing it is not in force: before the
 * designation it does not bind yet (the business is not an innovative financial business operator,
 * Art. 2 and Art. 4(1)); after the end it continues or lapses (afterExpiry). Null when the designation
 * is in force, has no known date (shown as if in force, with a note), or none is in play (a sandbox
 * context the caller asserts).
 */
export function sandboxDutyOn(states: DesignationState[], cand: Candidate): SandboxDutyOutcome | null {
  if (!cand.obligation.sandboxOnly) return null;
  const g = governing(states, cand);
  if (!g || g.inForce || g.status === 'UNKNOWN') return null;
  if (g.status === 'NOT_YET_DESIGNATED') return { status: 'NOT_YET_IN_FORCE', reason: sandboxDutyReason(g, cand, 'NOT_YET') };
  const after = afterExpiry(cand);
  return { status: after === 'LAPSES' ? 'NO_LONGER_IN_FORCE' : null, reason: sandboxDutyReason(g, cand, after) };
}
