/** TypeScript view of the seed file formats (docs/data-model.md §1); the JSON Schemas in schema/ are the contract. */

export type Nullable<T> = T | null | undefined;
export type SourceKind = 'PRIMARY' | 'SECONDARY';

export interface ProvisionVersionIn {
  validFrom: string;
  validTo?: Nullable<string>;
  textKo: string;
  textEn?: Nullable<string>;
  sourceUrl?: Nullable<string>;
  /** Primary (issuing authority) or secondary (news, law firm) source. */
  sourceKind?: Nullable<SourceKind>;
  amendment?: Nullable<string>;
}
export interface ProvisionIn {
  id: string;
  article: string;
  citationKo: string;
  citationEn?: Nullable<string>;
  titleKo?: Nullable<string>;
  titleEn?: Nullable<string>;
  versions: ProvisionVersionIn[];
}
export interface RegulationIn {
  id: string;
  nameKo: string;
  nameEn: string;
  shortKo?: Nullable<string>;
  shortEn?: Nullable<string>;
  jurisdiction: string;
  instrumentType: string;
  binding: boolean;
  lawNumber?: Nullable<string>;
  promulgatedOn?: Nullable<string>;
  inForceFrom?: Nullable<string>;
  applicableFrom?: Nullable<string>;
  textAsOf?: Nullable<string>;
  sourceUrl?: Nullable<string>;
  sourceKind?: Nullable<SourceKind>;
  provisions?: ProvisionIn[];
}
export interface AmendmentMetaIn {
  id: string;
  regulation: string;
  lawNumber?: Nullable<string>;
  titleKo?: Nullable<string>;
  titleEn?: Nullable<string>;
  promulgatedOn?: Nullable<string>;
  effectiveOn: string;
  sourceUrl?: Nullable<string>;
}
export interface ConceptIn {
  id: string;
  labelKo: string;
  labelEn: string;
  aliasesKo?: string[];
  aliasesEn?: string[];
  broader?: Nullable<string>;
}
export interface CapabilityIn {
  id: string;
  nameKo: string;
  nameEn: string;
  concepts?: string[];
}
export interface DataCategoryIn {
  id: string;
  nameKo: string;
  nameEn: string;
  broader?: Nullable<string>;
  concepts?: string[];
}
export interface ServiceTypeIn {
  id: string;
  nameKo: string;
  nameEn: string;
  descriptionKo?: Nullable<string>;
  descriptionEn?: Nullable<string>;
  office?: Nullable<string>;
  riskLevel?: Nullable<string>;
  /** Classifications the statute defines (e.g. KR_AIBA_HIGH_IMPACT_SA), apart from our riskLevel tier. */
  statutoryClasses?: string[];
  broader?: Nullable<string>;
  capabilities?: string[];
  dataCategories?: string[];
}
export interface DeploymentIn {
  id: string;
  serviceType: string;
  nameKo: string;
  nameEn?: Nullable<string>;
  launchedOn?: Nullable<string>;
  sourceUrl?: Nullable<string>;
}
export interface InstitutionIn {
  id: string;
  nameKo: string;
  nameEn: string;
  type: string;
  group?: Nullable<string>;
  roleKo?: Nullable<string>;
  roleEn?: Nullable<string>;
  deployments?: DeploymentIn[];
}
/** Who a duty binds, in the statute's words, and which Institution.type values can hold the role. */
export interface AddresseeRoleIn {
  id: string;
  nameKo: string;
  nameEn: string;
  institutionTypes?: string[];
  /** The role follows from the activity (e.g. 개인정보처리자): any institution providing the service holds it. */
  anyInstitutionType?: true;
  definedBy?: string[];
  definitionKo?: Nullable<string>;
  definitionEn?: Nullable<string>;
}
export interface TriggersIn {
  serviceTypes?: string[];
  capabilities?: string[];
  dataCategories?: string[];
  riskLevels?: string[];
  statutoryClasses?: string[];
  institutionTypes?: string[];
  designations?: string[];
}
export interface ObligationVersionFields {
  actorKo?: Nullable<string>;
  actorEn?: Nullable<string>;
  statementKo: string;
  statementEn?: Nullable<string>;
  conditionsKo?: Nullable<string>;
  conditionsEn?: Nullable<string>;
}
export interface ObligationVersionIn extends ObligationVersionFields {
  validFrom: string;
  validTo?: Nullable<string>;
  amendment?: Nullable<string>;
}
export interface ObligationIn {
  id: string;
  kind: string;
  provisions: string[];
  /** AddresseeRole ids: who must comply (any one of them). */
  addressees?: string[];
  triggers?: TriggersIn;
  sandboxOnly?: boolean;
  versions: ObligationVersionIn[];
}
export interface ExemptionIn {
  provision: string;
  effect: 'EXEMPTS' | 'MODIFIES';
  obligations?: string[];
  noteKo?: Nullable<string>;
  noteEn?: Nullable<string>;
}
export interface DesignationIn {
  id: string;
  nameKo: string;
  nameEn?: Nullable<string>;
  institution: string;
  serviceType: string;
  deployment?: Nullable<string>;
  legalBasis?: string[];
  designationNumber?: Nullable<string>;
  batch?: Nullable<number>;
  designatedOn?: Nullable<string>;
  validFrom?: Nullable<string>;
  validTo?: Nullable<string>;
  extendedOn?: Nullable<string>;
  /** `YYYY-MM` when only the month of designation is published (designatedOn then stays null). */
  designatedMonth?: Nullable<string>;
  /** Published length of the initial period in months (FISA Art. 4(1): at most 24); null = not published. */
  periodMonths?: Nullable<number>;
  /** Published end (exclusive) of the extended period (Art. 10(1)); null = not published. */
  extendedUntil?: Nullable<string>;
  /** First day the designation is deemed not to have expired (Art. 10-2(6)), when a notice is published. */
  deemedContinuationFrom?: Nullable<string>;
  /** Published end (exclusive) of that deemed continuation (Art. 10-2(7)); null = not published. */
  deemedContinuationUntil?: Nullable<string>;
  notesKo?: Nullable<string>;
  notesEn?: Nullable<string>;
  sources?: string[];
  exemptions?: ExemptionIn[];
}
export interface DatasetDoc {
  kind: 'Dataset';
  id: string;
  description?: Nullable<string>;
  regulations?: RegulationIn[];
  amendments?: AmendmentMetaIn[];
  concepts?: ConceptIn[];
  capabilities?: CapabilityIn[];
  dataCategories?: DataCategoryIn[];
  serviceTypes?: ServiceTypeIn[];
  institutions?: InstitutionIn[];
  addresseeRoles?: AddresseeRoleIn[];
  obligations?: ObligationIn[];
  designations?: DesignationIn[];
}

export interface ProvisionChangeIn {
  op: 'insert' | 'substitute' | 'repeal';
  provision: string;
  article?: string;
  citationKo?: string;
  citationEn?: Nullable<string>;
  titleKo?: Nullable<string>;
  titleEn?: Nullable<string>;
  textKo?: string;
  textEn?: Nullable<string>;
  sourceUrl?: Nullable<string>;
}
export interface ObligationChangeIn extends Partial<ObligationVersionFields> {
  op: 'add' | 'change' | 'retire';
  obligation: string;
  kind?: string;
  provisions?: string[];
  addressees?: string[];
  triggers?: TriggersIn;
  sandboxOnly?: boolean;
}
export interface AmendmentDoc {
  kind: 'Amendment';
  id: string;
  description?: Nullable<string>;
  instrument: {
    regulation: string;
    lawNumber?: Nullable<string>;
    titleKo?: Nullable<string>;
    titleEn?: Nullable<string>;
    promulgatedOn?: Nullable<string>;
    effectiveOn: string;
    sourceUrl?: Nullable<string>;
  };
  changes: { provisions?: ProvisionChangeIn[]; obligations?: ObligationChangeIn[] };
}

export type SeedDoc = DatasetDoc | AmendmentDoc;
