/**
 * What a sandbox designation does to a candidate obligation: the exemption that affects it.
 */
import type { Candidate, DesignationCtx, Exemption } from './engine-types.ts';

export function findExemption(designations: DesignationCtx[], cand: Candidate): (Exemption & { designationId: string }) | null {
  for (const z of designations) {
    for (const e of z.exemptions) {
      const listed = e.obligationIds.length > 0;
      if ((listed && e.obligationIds.includes(cand.obligation.id)) || (!listed && cand.provisions.some((p) => p.id === e.provisionId))) {
        return { ...e, designationId: z.id };
      }
    }
  }
  return null;
}
