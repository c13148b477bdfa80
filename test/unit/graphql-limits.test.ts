import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkOperation, operationCost, type QueryLimits } from '../../lib/graphql-limits.ts';
import { pageOf } from '../../lib/pagination.ts';

const schema = buildSchema(`
  type Query { items(limit: Int = 20, offset: Int = 0): [Item!]! one: Item }
  type Item { id: ID! children(limit: Int = 5): [Item!]! parent: Item tags: [Item!]! }
`);
const page = { maxListLimit: 200 };
const limits: QueryLimits = { ...page, maxDepth: 4, maxCost: 1000, maxAliases: 3, maxDirectives: 2, maxTokens: 2000 };
const cost = (q: string, v: Record<string, unknown> = {}) => operationCost(schema, parse(q), null, v, page);
const refusal = (q: string, v: Record<string, unknown> = {}) => {
  try {
    checkOperation(schema, parse(q), null, v, limits);
    return null;
  } catch (e) {
    return (e as { extensions: Record<string, unknown> }).extensions;
  }
};

describe('cost model', () => {
  it('multiplies by the page the resolver serves: literal, variable, variable default, schema default', () => {
    expect(cost('{ items(limit: 50) { id } }')).toBe(1 + 50);
    expect(cost('query Q($n: Int) { items(limit: $n) { id } }', { n: 50 })).toBe(1 + 50);
    expect(cost('query Q($n: Int = 50) { items(limit: $n) { id } }')).toBe(1 + 50);
    expect(cost('{ items { id } }')).toBe(1 + 20);
    expect(cost('{ items(limit: null) { id } }')).toBe(1 + 20);
    expect(cost('{ items(limit: 100) { children(limit: 100) { id } } }')).toBe(1 + 100 * (1 + 100));
  });

  it('never lowers the cost because of an argument: limit 0 costs as 1, negative and huge are refused', () => {
    expect(cost('{ items(limit: 0) { id } }')).toBe(1 + 1);
    expect(() => cost('{ items(limit: -2147483648) { id } }')).toThrow(/limit.*between 0 and 200/);
    expect(() => cost('query Q($n: Int) { items(limit: $n) { id } }', { n: -5 })).toThrow(/limit/);
    expect(() => cost('{ items(limit: 201) { id } }')).toThrow(/between 0 and 200/);
    expect(() => cost('{ items(offset: -1) { id } }')).toThrow(/offset/);
  });

  it('counts __typename and assumes a default size for lists without a page argument', () => {
    expect(cost('{ __typename }')).toBe(1);
    expect(cost('{ one { tags { id } } }')).toBe(1 + (1 + 10));
  });

  it('the exact reported bomb stays over the limit', () => {
    const e = refusal('{ a: items(limit: 200) { children(limit: 100) { id } } x: items(limit: -2147483648) { id } }');
    expect(e?.code).toBe('BAD_USER_INPUT');
    expect(e?.argument).toBe('limit');
  });
});

describe('Armor limits', () => {
  it('refuses aliases (including __typename), directives and depth, naming the limit', () => {
    expect(refusal('{ a: __typename b: __typename c: __typename d: __typename }')?.limit).toBe('aliases');
    expect(refusal('query($t: Boolean!) { one @include(if: $t) { id @include(if: $t) parent @skip(if: $t) { id } } }', { t: true })?.limit).toBe('directives');
    expect(refusal('{ one { parent { parent { parent { parent { id } } } } } }')?.limit).toBe('depth');
    expect(refusal('{ one { ...F } } fragment F on Item { parent { id } }')).toBeNull();
  });
});

describe('matcher text budget', () => {
  const matcher = buildSchema(`type Query { matchObligations(text: String!, limit: Int = 10): [Hit!]! analyzeAmendment(text: String!): Hit! items: [Hit!]! }
    type Hit { score: Float }`);
  const textLimits: QueryLimits = { ...limits, maxAliases: 30, maxCost: 100_000, maxTextLength: 100 };
  const check = (q: string, v: Record<string, unknown>) => {
    try {
      checkOperation(matcher, parse(q), null, v, textLimits);
      return null;
    } catch (e) {
      return (e as { extensions: Record<string, unknown> }).extensions;
    }
  };
  it('sums the texts of every matcher field of the operation, aliases and both fields included', () => {
    const t = 'x'.repeat(50);
    expect(check('query($t: String!) { a: matchObligations(text: $t) { score } b: analyzeAmendment(text: $t) { score } }', { t })).toBeNull();
    expect(check('query($t: String!) { a: matchObligations(text: $t) { score } b: matchObligations(text: $t) { score } c: analyzeAmendment(text: $t) { score } }', { t })).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'text' });
    // One text over the limit is the input error the resolver would give.
    expect(check(`{ matchObligations(text: "${'y'.repeat(101)}") { score } }`, {})).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'text' });
  });
  it('applies only when configured, and only to matcher fields', () => {
    const long = 'z'.repeat(1000);
    expect(refusal('query($t: String!) { one { id } }', { t: long })).toBeNull();
    expect(check('query($t: String) { items { score } }', { t: long })).toBeNull();
  });
});

describe('pagination helper', () => {
  const field = schema.getQueryType()!.getFields().items!;
  it('applies the schema default, accepts 0, refuses out-of-range values naming the argument', () => {
    expect(pageOf(field, 'Query.items', {}, page)).toEqual({ sizeArg: 'limit', limit: 20, offset: 0 });
    expect(pageOf(field, 'Query.items', { limit: 0, offset: 7 }, page)).toEqual({ sizeArg: 'limit', limit: 0, offset: 7 });
    expect(() => pageOf(field, 'Query.items', { limit: -1 }, page)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'limit' }) }));
    expect(() => pageOf(field, 'Query.items', { offset: -1 }, page)).toThrow(/offset/);
  });
});
