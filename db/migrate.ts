/**
 * Schema migrations for the graph of docs/data-model.md §2. Idempotent: every statement uses
 * `IF NOT EXISTS`, so `migrate` runs at every start. Community edition supports uniqueness
 * constraints and range indexes only (no existence or node-key constraints).
 */
import type { Driver } from 'neo4j-driver';

/** Every label of the model; each gets a uniqueness constraint on `id`. */
export const LABELS = [
  'Regulation',
  'Provision',
  'ProvisionVersion',
  'Obligation',
  'ObligationVersion',
  'Concept',
  'Capability',
  'AddresseeRole',
  'DataCategory',
  'AIServiceType',
  'Institution',
  'Deployment',
  'SandboxDesignation',
  'Exemption',
  'Amendment',
  'ChangeSet',
  'DataVersion',
  'WebhookSubscription',
  'WebhookDelivery',
  'WebhookAttempt',
] as const;
export type Label = (typeof LABELS)[number];

/**
 * Range indexes for the lookups the subgraphs do besides `id` (versions of an entity, as-of
 * filters). Kept few on purpose: every index is maintained at commit, and the loader writes
 * 100,000s of versions in one transaction.
 */
const INDEXES: ReadonlyArray<readonly [name: string, label: Label, property: string]> = [
  ['provision_version_provision_id', 'ProvisionVersion', 'provisionId'],
  ['provision_version_valid_from', 'ProvisionVersion', 'validFrom'],
  ['obligation_version_obligation_id', 'ObligationVersion', 'obligationId'],
  ['obligation_version_valid_from', 'ObligationVersion', 'validFrom'],
  ['amendment_effective_on', 'Amendment', 'effectiveOn'],
  // The delivery worker's poll (due entries) and a key holder's list of subscriptions.
  ['webhook_delivery_status', 'WebhookDelivery', 'status'],
  ['webhook_subscription_owner', 'WebhookSubscription', 'owner'],
];

function snake(label: string): string {
  return label.replace(/([a-z])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

/** The DDL statements `migrate` runs, in order (labels and names are code literals, never input). */
export function migrationStatements(): string[] {
  return [
    ...LABELS.map((l) => `CREATE CONSTRAINT ${snake(l)}_id_unique IF NOT EXISTS FOR (n:${l}) REQUIRE n.id IS UNIQUE`),
    ...INDEXES.map(([name, l, p]) => `CREATE INDEX ${name} IF NOT EXISTS FOR (n:${l}) ON (n.${p})`),
  ];
}

/**
 * Creates the constraints and indexes (idempotent) and waits until they are online. Schema
 * statements cannot share a transaction with data writes, so each runs in its own.
 */
export async function migrate(driver: Driver, database = 'neo4j'): Promise<{ statements: number }> {
  const session = driver.session({ database });
  try {
    const statements = migrationStatements();
    for (const s of statements) {
      try {
        await session.run(s);
      } catch (err) {
        // Two processes migrating at once may race on the same constraint: the loser sees
        // "equivalent constraint already exists", which is the state we want.
        const code = (err as { code?: string }).code ?? '';
        if (!/EquivalentSchemaRuleAlreadyExists|ConstraintAlreadyExists|IndexAlreadyExists/.test(code)) throw err;
      }
    }
    await session.run('CALL db.awaitIndexes(300)');
    return { statements: statements.length };
  } finally {
    await session.close();
  }
}
