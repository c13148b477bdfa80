import neo4j from 'neo4j-driver';
import { GraphQLScalarType, Kind } from 'graphql';
import { badInput } from './errors.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in `YYYY-MM-DD` form (rejects 2021-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** Today in UTC as `YYYY-MM-DD`. Korea is UTC+9; a day boundary off by hours is acceptable for law dates. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 + months, d));
  return date.toISOString().slice(0, 10);
}

/** A driver Date parameter from an ISO string. */
export function toNeoDate(iso: string): unknown {
  return neo4j.types.Date.fromStandardDate(new Date(`${iso}T00:00:00Z`));
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, ISO 8601 `YYYY-MM-DD`.',
  serialize(value) {
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object' && 'year' in value) return String(value);
    throw new TypeError(`Date cannot represent ${String(value)}`);
  },
  parseValue(value) {
    if (typeof value !== 'string' || !isIsoDate(value)) throw badInput(`Expected a date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING || !isIsoDate(ast.value)) throw badInput('Expected a date as YYYY-MM-DD');
    return ast.value;
  },
});
