/**
 * The gateway's single-fetch pass-through (gateway/single-fetch.ts) answers exactly as Apollo
 * Gateway does: every response here is compared, byte for byte, with a gateway that has it off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from '../support/stack.ts';

const FLAGSHIP = /* GraphQL */ `
  query Flagship($serviceType: ID!, $context: ApplicabilityContext) {
    applicableObligations(serviceType: $serviceType, context: $context) {
      asOf sandbox notes(language: KO)
      designations { id nameEn institution { id nameEn } }
      results {
        status binding
        obligation { id kind statement(language: EN) provisions { id citationEn regulation { id nameEn } } }
        citations { provision { id } citationKo citationEn regulationNameEn sourceUrl inForce }
        reasons { kind explanation(language: EN) path { type id name(language: EN) via } }
        designationEffect { effect designation { id } }
      }
    }
  }`;

const WITH_FRAGMENT = /* GraphQL */ `
  query WithFragment($serviceType: ID!) {
    applicableObligations(serviceType: $serviceType, context: { sandbox: true }) { results { ...R } }
  }
  fragment R on Applicability { status obligation { id } }`;

const WITH_INCLUDE = /* GraphQL */ `
  query WithInclude($serviceType: ID!, $full: Boolean!) {
    applicableObligations(serviceType: $serviceType) { results { status obligation { id statement(language: EN) @include(if: $full) } } }
  }`;

const TWO_SUBGRAPHS = /* GraphQL */ `
  query TwoSubgraphs($id: ID!) {
    provision(id: $id) { id citationEn regulation { nameEn } obligations { id statement(language: EN) } }
  }`;

const FACE = 'svc/face-recognition-payment';

let on: TestStack;
let off: TestStack;
beforeAll(async () => {
  on = await startStack();
  off = await startStack({ env: { GATEWAY_PASS_THROUGH: '0' }, reset: false });
});
afterAll(async () => {
  await on?.stop();
  await off?.stop();
});

async function raw(stack: TestStack, query: string, variables: Record<string, unknown>): Promise<string> {
  const res = await fetch(stack.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return res.text();
}

/** Asks both gateways twice (the first request of a document teaches the pass-through its plan). */
async function both(query: string, variables: Record<string, unknown>): Promise<{ answers: string[]; passed: number; viaGateway: number; retried: number }> {
  const before = { ...on.passThrough };
  const answers = [await raw(on, query, variables), await raw(on, query, variables), await raw(off, query, variables)];
  return {
    answers,
    passed: on.passThrough.passedThrough - before.passedThrough,
    viaGateway: on.passThrough.viaGateway - before.viaGateway,
    retried: on.passThrough.retried - before.retried,
  };
}

describe('single-fetch pass-through', () => {
  it('answers the flagship question from the subgraph, identically to the gateway', async () => {
    for (const context of [{ sandbox: true }, { sandbox: true, asOf: '2021-06-01' }, { sandbox: false, asOf: '2026-01-01' }]) {
      const r = await both(FLAGSHIP, { serviceType: FACE, context });
      expect(r.answers[0]).toContain('"applicableObligations"');
      expect(JSON.parse(r.answers[0]!).data.applicableObligations.notes.join(' ')).not.toMatch(/Designation|designation/);
      expect(r.answers[1]).toBe(r.answers[2]);
      expect(r.answers[0]).toBe(r.answers[2]);
      expect(r.passed).toBeGreaterThanOrEqual(1);
    }
    expect(off.passThrough.passedThrough).toBe(0);
  });

  it('passes a query with fragments through when its inlined selection is what the subgraph is sent', async () => {
    const r = await both(WITH_FRAGMENT, { serviceType: FACE });
    expect(r.answers[1]).toBe(r.answers[2]);
    expect(r.passed).toBe(1);
  });

  it('leaves @include/@skip and multi-subgraph plans to the gateway', async () => {
    for (const full of [true, false]) {
      const r = await both(WITH_INCLUDE, { serviceType: FACE, full });
      expect(r.answers[1]).toBe(r.answers[2]);
      expect(r.passed).toBe(0);
    }
    const r = await both(TWO_SUBGRAPHS, { id: 'kr/pipa/art-23' });
    expect(JSON.parse(r.answers[1]!).data.provision.obligations.length).toBeGreaterThan(0);
    expect(r.answers[1]).toBe(r.answers[2]);
    expect(r.passed).toBe(0);
    expect(r.viaGateway).toBe(2);
  });

  it('re-runs a request whose subgraph reports errors on the gateway path, so errors keep the gateway form', async () => {
    await both(FLAGSHIP, { serviceType: FACE, context: { sandbox: true } });
    const r = await both(FLAGSHIP, { serviceType: 'svc/does-not-exist', context: { sandbox: true } });
    const body = JSON.parse(r.answers[1]!) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
    expect(body.errors?.[0]?.message).toMatch(/not found/);
    expect(r.answers[1]).toBe(r.answers[2]);
    expect(r.retried).toBe(2);
    expect(r.passed).toBe(0);
  });
});
