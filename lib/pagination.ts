/**
 * The one reading of page arguments (`limit`/`first`, `offset`), shared by the resolvers and the
 * cost model (graphql-limits.ts), so the size a request is charged for is the size it is served.
 *
 * Rules (README, "Limits"): a page size is an integer from 0 to the field's maximum — 0 answers an
 * empty list, a negative value or one above the maximum is refused with BAD_USER_INPUT naming the
 * argument (never clamped: a client asking for 1,000 must not believe it got everything); an
 * omitted or null size is the schema's default for that argument; an offset is an integer ≥ 0
 * (past the end answers an empty list).
 */
import type { GraphQLField, GraphQLResolveInfo } from 'graphql';
import { appError, ErrorCode } from './errors.ts';

/** Argument names that set a page size. */
export const PAGE_SIZE_ARGS = ['limit', 'first'] as const;
export const OFFSET_ARG = 'offset';

/**
 * Fields whose page may be larger (or must be smaller) than MAX_LIST_LIMIT, by schema coordinate:
 * a regulation's provisions and the concept list are read whole by the IDE and the matcher's tools;
 * each match costs the matcher more than a list item costs a read.
 */
const FIELD_MAXIMUM: Record<string, number> = {
  'Regulation.provisions': 5000,
  'Query.concepts': 5000,
  'Query.matchObligations': 100,
  'Query.analyzeAmendment': 100,
};

export interface PageLimits {
  maxListLimit: number;
}

/** The largest page `Type.field` answers. */
export function maxPageSize(coordinate: string, limits: PageLimits): number {
  return FIELD_MAXIMUM[coordinate] ?? limits.maxListLimit;
}

function bad(message: string, argument: string, coordinate: string): never {
  throw appError(ErrorCode.BAD_USER_INPUT, message, { argument, field: coordinate });
}

/**
 * An Int argument checked against [min, max]; `value` is what the request gave (literal, variable or
 * the schema default), undefined/null when nothing.
 */
export function checkedInt(value: unknown, bounds: { argument: string; coordinate: string; min: number; max: number }): number {
  const { argument, coordinate, min, max } = bounds;
  if (typeof value !== 'number' || !Number.isInteger(value)) bad(`${coordinate}(${argument}:) must be an integer, got ${JSON.stringify(value)}`, argument, coordinate);
  if (value < min || value > max) bad(`${coordinate}(${argument}:) must be between ${min} and ${max}, got ${value}`, argument, coordinate);
  return value;
}

export interface Page {
  /** Which argument set the size ('limit' or 'first'), null when the field has none. */
  sizeArg: string | null;
  limit: number;
  offset: number;
}

/**
 * The page a field will serve, from the raw argument values (`undefined`/`null` = not given: the
 * schema default applies). Throws BAD_USER_INPUT naming the argument for a value out of range.
 */
export function pageOf(field: Pick<GraphQLField<unknown, unknown>, 'args'>, coordinate: string, raw: Record<string, unknown>, limits: PageLimits): Page {
  const sizeDef = field.args.find((a) => (PAGE_SIZE_ARGS as readonly string[]).includes(a.name));
  const offsetDef = field.args.find((a) => a.name === OFFSET_ARG);
  const max = maxPageSize(coordinate, limits);
  const given = (name: string, fallback: unknown) => raw[name] ?? fallback ?? null;
  const sizeValue = sizeDef ? given(sizeDef.name, sizeDef.defaultValue) : null;
  // A size argument without a schema default, left out: the field's maximum is what it may serve.
  const limit = sizeDef ? (sizeValue === null ? max : checkedInt(sizeValue, { argument: sizeDef.name, coordinate, min: 0, max })) : max;
  const offsetValue = offsetDef ? given(OFFSET_ARG, offsetDef.defaultValue) : null;
  const offset = offsetValue === null ? 0 : checkedInt(offsetValue, { argument: OFFSET_ARG, coordinate, min: 0, max: Number.MAX_SAFE_INTEGER });
  return { sizeArg: sizeDef?.name ?? null, limit, offset };
}

/** In a resolver: the page of the field being resolved (`info` names the field and its schema). */
export function page(args: Record<string, unknown>, info: Pick<GraphQLResolveInfo, 'parentType' | 'fieldName'>, limits: PageLimits): { limit: number; offset: number } {
  const coordinate = `${info.parentType.name}.${info.fieldName}`;
  const field = info.parentType.getFields()[info.fieldName];
  if (!field) throw new Error(`no field ${coordinate}`);
  const { limit, offset } = pageOf(field, coordinate, args, limits);
  return { limit, offset };
}
