/**
 * The peer: @neo4j/graphql (a single, non-federated GraphQL server that generates one Cypher query
 * per request) over the same Neo4j data, served by Apollo Server's standalone HTTP server (the same
 * HTTP stack as our subgraphs). Type definitions map the graph of docs/data-model.md directly.
 *
 *   node --import tsx bench/servers/peer.ts <port>     (prints {"url": ...} on stdout when ready)
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { loadConfig } from '../../lib/config.ts';
import { createDriver } from '../../lib/neo4j.ts';

export const PEER_TYPE_DEFS = /* GraphQL */ `
  type AIServiceType @node {
    id: ID!
    nameKo: String
    nameEn: String
    riskLevel: String
    broader: [AIServiceType!]! @relationship(type: "BROADER", direction: OUT)
    capabilities: [Capability!]! @relationship(type: "HAS_CAPABILITY", direction: OUT)
    dataCategories: [DataCategory!]! @relationship(type: "PROCESSES", direction: OUT)
    obligations: [Obligation!]! @relationship(type: "TRIGGERED_BY", direction: IN)
    designations: [SandboxDesignation!]! @relationship(type: "FOR_SERVICE", direction: IN)
  }
  type Capability @node {
    id: ID!
    nameEn: String
    obligations: [Obligation!]! @relationship(type: "TRIGGERED_BY", direction: IN)
  }
  type DataCategory @node {
    id: ID!
    nameEn: String
    broader: [DataCategory!]! @relationship(type: "BROADER", direction: OUT)
    obligations: [Obligation!]! @relationship(type: "TRIGGERED_BY", direction: IN)
  }
  type SandboxDesignation @node {
    id: ID!
    nameEn: String
    validFrom: Date
    validTo: Date
    institution: [Institution!]! @relationship(type: "GRANTED_TO", direction: OUT)
    exemptions: [Exemption!]! @relationship(type: "HAS_EXEMPTION", direction: OUT)
    conditions: [Obligation!]! @relationship(type: "TRIGGERED_BY", direction: IN)
  }
  type Exemption @node {
    id: ID!
    effect: String
    noteEn: String
    provision: [Provision!]! @relationship(type: "FROM_PROVISION", direction: OUT)
    obligations: [Obligation!]! @relationship(type: "AFFECTS", direction: OUT)
  }
  type Institution @node {
    id: ID!
    nameEn: String
  }
  type Obligation @node {
    id: ID!
    kind: String
    sandboxOnly: Boolean
    versions: [ObligationVersion!]! @relationship(type: "HAS_VERSION", direction: OUT)
    provisions: [Provision!]! @relationship(type: "DERIVED_FROM", direction: OUT)
  }
  type ObligationVersion @node {
    id: ID!
    validFrom: Date
    validTo: Date
    statementEn: String
    statementKo: String
  }
  type Provision @node {
    id: ID!
    citationEn: String
    citationKo: String
    regulation: [Regulation!]! @relationship(type: "HAS_PROVISION", direction: IN)
    versions: [ProvisionVersion!]! @relationship(type: "HAS_VERSION", direction: OUT)
  }
  type ProvisionVersion @node {
    id: ID!
    validFrom: Date
    validTo: Date
    sourceUrl: String
  }
  type Regulation @node {
    id: ID!
    nameEn: String
    jurisdiction: String
    binding: Boolean
  }
`;

const port = Number(process.argv[2] ?? 0);
const config = loadConfig(process.env);
const driver = createDriver(config.neo4j);
const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver }).getSchema();
const server = new ApolloServer({ schema, csrfPrevention: true });
const { url } = await startStandaloneServer(server, { listen: { host: config.host, port } });
process.stdout.write(`${JSON.stringify({ url })}\n`);
const stop = async () => {
  await server.stop();
  await driver.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
