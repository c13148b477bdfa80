import { readFileSync } from 'node:fs';
import { Supergraph, printSchema as printFederationSchema } from '@apollo/federation-internals';
import { buildSchema, parse, validate, coerceInputValue, typeFromAST, type GraphQLInputType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS, examplesMarkdown } from '../../gateway/ide/examples.ts';

const supergraphSdl = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');
/**
 * The schema clients see through the gateway (federation machinery removed). Rebuilt from SDL
 * because federation-internals is CommonJS and would hand back the other copy of graphql-js.
 */
const apiSchema = buildSchema(printFederationSchema(Supergraph.build(supergraphSdl).apiSchema()));

describe('IDE example operations', () => {
  it('has the five required examples with unique ids and both languages filled in', () => {
    expect(EXAMPLE_OPERATIONS.length).toBeGreaterThanOrEqual(5);
    const ids = EXAMPLE_OPERATIONS.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of EXAMPLE_OPERATIONS) {
      expect(e.id).toMatch(/^[a-z0-9-]+$/);
      for (const text of [e.titleKo, e.descriptionKo]) expect(text, e.id).toMatch(/[가-힣]/);
      for (const text of [e.titleEn, e.descriptionEn]) expect(text, e.id).toMatch(/^[\x20-\x7e]+$/);
    }
    const fields = EXAMPLE_OPERATIONS.map((e) => e.query);
    expect(fields.some((q) => q.includes('applicableObligations'))).toBe(true);
    expect(fields.some((q) => q.includes('designationsExpiring'))).toBe(true);
    expect(fields.some((q) => q.includes('matchObligations'))).toBe(true);
    expect(EXAMPLE_OPERATIONS.some((e) => e.variables.before === '2020-08-04' && e.variables.after === '2020-08-05')).toBe(true);
  });

  for (const example of EXAMPLE_OPERATIONS) {
    it(`${example.id} is valid against the supergraph API schema, with variables that coerce`, () => {
      const document = parse(example.query);
      expect(validate(apiSchema, document).map((e) => e.message)).toEqual([]);

      const operations = document.definitions.filter((d) => d.kind === 'OperationDefinition');
      expect(operations).toHaveLength(1);
      const operation = operations[0]!;
      expect(operation.name?.value, 'operations are named so history and tabs show a title').toBeTruthy();

      const declared = new Set<string>();
      for (const def of operation.variableDefinitions ?? []) {
        const name = def.variable.name.value;
        declared.add(name);
        const type = typeFromAST(apiSchema, def.type as never) as GraphQLInputType | undefined;
        expect(type, `type of $${name}`).toBeDefined();
        const errors: string[] = [];
        coerceInputValue(example.variables[name] ?? null, type!, (path, _value, error) =>
          errors.push(`$${name}${path.map((p) => `.${p}`).join('')}: ${error.message}`),
        );
        expect(errors).toEqual([]);
      }
      for (const name of Object.keys(example.variables)) expect(declared, `undeclared variable ${name}`).toContain(name);
    });
  }

  it('pre-fills an API-key header example that parses as JSON with comments and sends no key by default', () => {
    const withHeaders = EXAMPLE_OPERATIONS.filter((e) => e.headers);
    expect(withHeaders.length).toBeGreaterThanOrEqual(1);
    for (const e of withHeaders) {
      expect(e.headers).toContain('"x-api-key": ""');
      // GraphiQL parses the pane as JSONC; whole-line comments are all these examples use.
      expect(JSON.parse(e.headers!.replace(/^\s*\/\/.*$/gm, ''))).toEqual({});
    }
  });
});

describe('examplesMarkdown', () => {
  it('renders every example with its titles, query and variables', () => {
    const md = examplesMarkdown();
    for (const e of EXAMPLE_OPERATIONS) {
      expect(md).toContain(`### ${e.titleKo} / ${e.titleEn}`);
      expect(md).toContain(e.query.trimEnd());
      expect(md).toContain(JSON.stringify(e.variables, null, 2));
    }
  });
});
