/**
 * The applicability engine's data shapes: what it reads (subject contexts, candidate obligations)
 * and what it reports (results, reasons, citations).
 */
import type { DesignationDates } from '../shared/designation-lifecycle.ts';
import type { AddresseeRole } from './addressees.ts';
import type { EngineCache } from './engine-cache.ts';

export interface Subject {
  key: string;
  serviceTypeId: string;
  /** Explicit designations; null = those granted for the service type when `sandbox` is set. */
  designationIds: string[] | null;
  sandbox: boolean;
  institutionType: string | null;
  extraDataCategoryIds: string[];
  /** Capabilities the context adds (`context.capabilities`); absent = none. */
  extraCapabilityIds?: string[];
  deploymentId?: string | null;
}

/** A provision as Obligation.provisions provides it to the gateway (no second fetch for citations). */
export interface ProvisionRef {
  id: string;
  citationKo: string;
  citationEn: string;
  regulation: { id: string; nameKo: string; nameEn: string };
}
/** A designation as ApplicabilityReport.designations provides it. */
export interface DesignationRef {
  id: string;
  nameKo: string;
  nameEn: string;
  institution: { id: string; nameKo: string; nameEn: string } | null;
}
/** An obligation as the engine read it, in the shape the obligation loader holds. */
export interface PrimedObligation {
  id: string;
  triggers: { id: string | null; label: string | null }[];
  provisionRefs: ProvisionRef[];
  [k: string]: unknown;
}

/** Receives every candidate obligation and its versions, to prime the request's loaders. */
export type PrimeObligation = (obligation: PrimedObligation, versions?: { id: string; validFrom: string; validTo: string | null; [k: string]: unknown }[]) => void;

export interface EvaluationOptions {
  prime?: PrimeObligation;
  cache?: EngineCache;
  asOf: string;
  jurisdictions: string[];
  includeInactive: boolean;
  includeNonBinding: boolean;
}

export interface PathStep {
  type: string;
  id: string;
  nameKo: string;
  nameEn: string;
  via: string | null;
}
export interface Reason {
  kind: string;
  path: PathStep[];
  explanationKo: string;
  explanationEn: string;
  /** The graph fact alone; wording.ts appends the status's verdict to make the explanation. */
  factKo?: string;
  factEn?: string;
}
export interface CitationOut {
  provisionId: string;
  citationKo: string;
  citationEn: string;
  regulationNameKo: string;
  regulationNameEn: string;
  sourceUrl: string | null;
  sourceKind: 'PRIMARY' | 'SECONDARY' | null;
  inForce: boolean;
}
export interface DesignationEffectOut {
  designationId: string;
  effect: 'EXEMPTS' | 'MODIFIES' | 'CONDITION';
  noteKo: string | null;
  noteEn: string | null;
}
export interface ApplicabilityOut {
  obligationId: string;
  kind: string;
  status: string;
  binding: boolean;
  jurisdiction: string;
  reasons: Reason[];
  citations: CitationOut[];
  designationEffect: DesignationEffectOut | null;
  /** Set when the question names no institution and the duty binds only some: "applies if you are …". */
  appliesIf: { ko: string; en: string } | null;
}
export interface Report {
  serviceTypeId: string;
  deploymentId: string | null;
  designations: DesignationRef[];
  asOf: string;
  sandbox: boolean;
  results: ApplicabilityOut[];
  notes: Note[];
}
/** A note on the evaluation itself, in both languages (`ApplicabilityReport.notes(language)`). */
export interface Note {
  ko: string;
  en: string;
}

export type Named = { id: string; nameKo: string; nameEn: string; chain: string[]; riskLevel?: string | null; statutoryClasses?: string[] | null };
export interface Exemption {
  effect: 'EXEMPTS' | 'MODIFIES';
  noteKo: string | null;
  noteEn: string | null;
  provisionId: string;
  citationKo: string;
  citationEn: string;
  obligationIds: string[];
}
/** A designation in play, with the dates its lifecycle is computed from (DesignationDates). */
export interface DesignationCtx extends DesignationDates {
  id: string;
  nameKo: string;
  nameEn: string;
  designatedOn: string | null;
  validFrom: string | null;
  validTo: string | null;
  institutionId: string | null;
  institutionNameKo: string | null;
  institutionNameEn: string | null;
  exemptions: Exemption[];
}
export interface SubjectCtx {
  key: string;
  service: { id: string; nameKo: string; nameEn: string; riskLevel: string | null };
  types: Named[];
  capabilities: Named[];
  dataCategories: Named[];
  extraDataCategories: Named[];
  /** Capabilities named by the context that exist in the graph (chain = [capability id]). */
  extraCapabilities?: Named[];
  designations: DesignationCtx[];
}
export interface Candidate {
  obligation: { id: string; kind: string; sandboxOnly: boolean | null; triggerRiskLevels: string[] | null; triggerStatutoryClasses?: string[] | null; triggerInstitutionTypes: string[] | null; [k: string]: unknown };
  triggerIds: string[];
  /** Who must comply (ADDRESSED_TO), any one of them. */
  addressees: AddresseeRole[];
  triggers: { id: string | null; label: string | null }[];
  versions: { id: string; validFrom: string; validTo: string | null; statementKo: string | null; statementEn: string | null; [k: string]: unknown }[];
  provisions: {
    id: string;
    citationKo: string;
    citationEn: string;
    regulationId: string;
    regulationNameKo: string;
    regulationNameEn: string;
    jurisdiction: string;
    binding: boolean;
    sourceUrl: string | null;
    sourceKind: 'PRIMARY' | 'SECONDARY' | null;
    applicableFrom: string | null;
    versions: { validFrom: string | null; validTo: string | null }[];
  }[];
  /**
   * Set when the candidate comes from the compact obligation index: its versions carry no texts
   * (statementKo/En null), so they are not primed into the versions loader.
   */
  textless?: boolean;
  /** Its name in reason paths when the statements are not held (reasons.ts obligationName). */
  pathName?: { ko: string; en: string };
}

export interface EngineRows {
  ctxRows: SubjectCtx[];
  candidates: Candidate[];
}

/** Display names of the nodes a subject reaches (service types, capabilities, data categories), by id. */
export type NameMap = Map<string, { nameKo: string; nameEn: string; type: string }>;
