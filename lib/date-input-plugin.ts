/**
 * Checks every `Date` input of an operation at the gateway, in literals and in variables, and
 * rejects bad ones with BAD_USER_INPUT naming the argument. The gateway's supergraph does not know
 * how subgraphs parse their custom scalars; without this check a bad date would surface as a
 * subgraph transport error instead of a clear input error.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  TypeInfo,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type GraphQLInputType,
  type GraphQLSchema,
  type DocumentNode,
  type ASTNode,
  type ObjectFieldNode,
} from 'graphql';
import { isIsoDate } from './dates.ts';

const SCALAR = 'Date';

function badDate(where: string, value: unknown): GraphQLError {
  return new GraphQLError(`${where}: expected a date as YYYY-MM-DD, got ${JSON.stringify(value)}`, {
    extensions: { code: 'BAD_USER_INPUT', field: where, http: { status: 400 } },
  });
}

function checkValue(type: GraphQLInputType, value: unknown, where: string): void {
  if (value === null || value === undefined) return;
  const t = getNullableType(type);
  if (isListType(t)) {
    if (Array.isArray(value)) value.forEach((v, i) => checkValue(t.ofType, v, `${where}[${i}]`));
    else checkValue(t.ofType, value, where);
    return;
  }
  if (isInputObjectType(t) && typeof value === 'object') {
    for (const [name, field] of Object.entries(t.getFields())) checkValue(field.type, (value as Record<string, unknown>)[name], `${where}.${name}`);
    return;
  }
  if (getNamedType(t).name === SCALAR && (typeof value !== 'string' || !isIsoDate(value))) throw badDate(where, value);
}

export function checkDateInputs(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): void {
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      VariableDefinition(node) {
        const type = typeFromAST(schema, node.type as never) as GraphQLInputType | undefined;
        if (type) checkValue(type, variables[node.variable.name.value], `$${node.variable.name.value}`);
      },
      StringValue(node, _key, parent, _path, ancestors) {
        const input = typeInfo.getInputType();
        if (input && getNamedType(input).name === SCALAR && !isIsoDate(node.value)) {
          const fields = [...ancestors, parent].filter((a): a is ObjectFieldNode => !Array.isArray(a) && (a as ASTNode).kind === Kind.OBJECT_FIELD).map((f) => f.name.value);
          throw badDate([typeInfo.getArgument()?.name ?? 'argument', ...fields].join('.'), node.value);
        }
      },
      ObjectField(node) {
        const input = typeInfo.getInputType();
        if (input && getNamedType(input).name === SCALAR && node.value.kind !== Kind.VARIABLE && node.value.kind !== Kind.NULL && node.value.kind !== Kind.STRING) {
          throw badDate(node.name.value, node.value.kind);
        }
      },
    }),
  );
}

export function dateInputPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          checkDateInputs(schema, document, request.variables ?? {});
        },
      };
    },
  };
}
