/**
 * Graph reads shared between requests (subgraphs/shared/shared-reads.ts): a question already asked,
 * at any date, costs no Cypher query; an amendment applied through the loader moves the data
 * version and the next answers read the new graph, without a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from '../support/stack.ts';
import { applyObligationAmendment } from '../support/amendments.ts';
import { askUntil } from '../support/poll.ts';

const FLAGSHIP = /* GraphQL */ `
  query Flagship($asOf: Date) {
    applicableObligations(serviceType: "svc/face-recognition-payment", context: { sandbox: true, asOf: $asOf }) {
      designations { id nameEn institution { id nameEn } }
      results { status obligation { id statement(language: EN) provisions { id citationEn regulation { nameEn } } } citations { citationEn inForce } }
    }
  }`;

const PROVISION = /* GraphQL */ `
  query Provision($id: ID!) {
    provision(id: $id) { id citationEn regulation { nameEn } versions { validFrom } obligations { id statement(language: EN) } }
  }`;

/** Cypher queries of a request other than the once-a-second data-version check. */
const dataQueries = (r: { count: number; byName: Record<string, number> }) => r.count - (r.byName.dataVersion ?? 0);

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('shared reads', () => {
  it('a flagship question asked before, at another date, costs no Cypher query', async () => {
    const first = await stack.countQueries(FLAGSHIP, { asOf: '2021-06-01' });
    expect(first.body.errors).toBeUndefined();
    const again = await stack.countQueries<{ applicableObligations: { results: { status: string }[] } }>(FLAGSHIP, { asOf: '2024-02-29' });
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data!.applicableObligations.results.length).toBeGreaterThan(10);
    expect(dataQueries(again)).toBe(0);
  });

  it('a question asked for the first time costs no engine query: subjects and obligations come from in-memory indexes (statements: one read by id)', async () => {
    expect((await stack.countQueries(FLAGSHIP, { asOf: '2021-06-01' })).body.errors).toBeUndefined();
    const q = `{ applicableObligations(serviceType: "svc/robo-advisor", context: { asOf: "2023-05-01" }) { results { status obligation { id statement } citations { citationEn } } } }`;
    const first = await stack.countQueries<{ applicableObligations: { results: unknown[] } }>(q);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data!.applicableObligations.results.length).toBeGreaterThan(3);
    // The obligation index holds no statement texts (compact-obligations.ts): those of obligations
    // not asked about before are one batched read by id, kept in the shared reads.
    expect(dataQueries(first) - (first.byName.obligationVersions ?? 0), JSON.stringify(first.byName)).toBe(0);
    expect(first.byName.obligationVersions ?? 0).toBeLessThanOrEqual(1);
    const again = await stack.countQueries(q.replace('2023-05-01', '2024-05-01'));
    expect(dataQueries(again), JSON.stringify(again.byName)).toBe(0);
  });

  it('a question naming a designation or extra data categories reads its own subject context (one query)', async () => {
    for (const context of ['{ designation: "sbx/shinhan-card-face-pay" }', '{ sandbox: true, dataCategories: ["data/biometric"] }']) {
      const q = `{ applicableObligations(serviceType: "svc/face-recognition-payment", context: ${context}) { results { status obligation { id } } } }`;
      const r = await stack.countQueries<{ applicableObligations: { results: unknown[] } }>(q);
      expect(r.body.errors, context).toBeUndefined();
      expect(r.body.data!.applicableObligations.results.length).toBeGreaterThan(3);
      expect(r.byName, context).toMatchObject({ applicabilitySubjects: 1 });
      expect(dataQueries(r), JSON.stringify(r.byName)).toBe(1);
    }
  });

  it('answers from the in-memory indexes equal answers read from Neo4j (caches off)', async () => {
    const uncached = await startStack({ env: { READ_CACHE_ENTRIES: '0' }, reset: false });
    try {
      const types = ['svc/face-recognition-payment', 'svc/robo-advisor', 'svc/chatbot', 'svc/credit-scoring', 'svc/does-not-exist'];
      for (const serviceType of types) {
        for (const context of [{ sandbox: true }, { sandbox: false, asOf: '2020-01-01' }, { sandbox: true, institutionType: 'BANK', asOf: '2025-06-01' }]) {
          const q = `query Q($s: ID!, $c: ApplicabilityContext) { applicableObligations(serviceType: $s, context: $c) { sandbox notes designations { id } results { status obligation { id statement(language: KO) } reasons { kind path { id via name(language: KO) } } designationEffect { effect } } } }`;
          const a = await stack.gql(q, { s: serviceType, c: context });
          const b = await uncached.gql(q, { s: serviceType, c: context });
          expect(a, `${serviceType} ${JSON.stringify(context)}`).toEqual(b);
        }
      }
    } finally {
      await uncached.stop();
    }
  });

  it('the flagship is answered in one subgraph fetch: citations and designation names are provided by the report', async () => {
    const r = await stack.gql<{ applicableObligations: { designations: { nameEn: string; institution: { id: string; nameEn: string } }[]; results: { obligation: { provisions: { citationEn: string; regulation: { nameEn: string } }[] } }[] } }>(FLAGSHIP, { asOf: '2021-06-01' });
    expect(r.errors).toBeUndefined();
    const report = r.data!.applicableObligations;
    expect(report.designations[0]).toMatchObject({ nameEn: expect.stringContaining('Shinhan'), institution: { id: 'inst/shinhan-card', nameEn: 'Shinhan Card' } });
    const cited = report.results.flatMap((x) => x.obligation.provisions);
    expect(cited.length).toBeGreaterThan(10);
    for (const p of cited) {
      expect(p.citationEn).toMatch(/\S/);
      expect(p.regulation.nameEn).toMatch(/\S/);
    }
    // The same names as the owning subgraphs give for the same entities.
    const own = await stack.gql<{ provision: { citationEn: string; regulation: { nameEn: string } } }>(PROVISION, { id: 'kr/pipa/art-23' });
    const provided = cited.find((p) => p.citationEn === own.data!.provision.citationEn);
    expect(provided?.regulation.nameEn).toBe(own.data!.provision.regulation.nameEn);
  });

  it('an amendment applied through the loader is read at the next requests, without a restart', async () => {
    const ask = () => stack.countQueries<{ provision: { obligations: { id: string }[] } }>(PROVISION, { id: 'kr/fcpa/art-19' });
    const before = await ask();
    expect(before.body.errors).toBeUndefined();
    expect(before.body.data!.provision.obligations.map((o) => o.id)).not.toContain('obl/fcpa/shared-reads-test');
    const repeat = await ask();
    expect(dataQueries(repeat), JSON.stringify(repeat.byName)).toBe(0);

    await applyObligationAmendment(stack.driver, {
      amendmentId: 'amd/test/shared-reads',
      regulation: 'kr/fcpa',
      obligation: 'obl/fcpa/shared-reads-test',
      kind: 'RECORD_KEEPING',
      provisions: ['kr/fcpa/art-19'],
      triggers: { serviceTypes: ['svc/robo-advisor'] },
      statementKo: '시험용 의무이다.',
      statementEn: 'A test duty.',
      effectiveOn: '2026-02-01',
    });
    const after = await askUntil(ask, (a) => a.body.data!.provision.obligations.some((o) => o.id === 'obl/fcpa/shared-reads-test'));
    const added = after.body.data!.provision.obligations.find((o) => o.id === 'obl/fcpa/shared-reads-test');
    expect(added).toMatchObject({ statement: 'A test duty.' });
  });
});
