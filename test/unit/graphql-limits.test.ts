import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { measureOperation } from '../../lib/graphql-limits.ts';

const schema = buildSchema(`
  type Query { items(limit: Int): [Item!]! one: Item }
  type Item { id: ID! children(limit: Int): [Item!]! parent: Item }
`);

describe('query limits', () => {
  it('measures depth through fragments', () => {
    const doc = parse('query { one { ...F } } fragment F on Item { parent { parent { id } } }');
    expect(measureOperation(schema, doc, null, {}).depth).toBe(4);
  });

  it('multiplies list fields by their limit argument, literal or variable', () => {
    const literal = measureOperation(schema, parse('{ items(limit: 50) { id } }'), null, {});
    const variable = measureOperation(schema, parse('query Q($n: Int) { items(limit: $n) { id } }'), 'Q', { n: 50 });
    expect(literal.cost).toBe(1 + 50 * 1);
    expect(variable.cost).toBe(literal.cost);
    const nested = measureOperation(schema, parse('{ items(limit: 100) { children(limit: 100) { id } } }'), null, {});
    expect(nested.cost).toBe(1 + 100 * (1 + 100));
  });

  it('assumes a default size for lists without a limit', () => {
    expect(measureOperation(schema, parse('{ items { id } }'), null, {}).cost).toBe(1 + 10);
  });
});
