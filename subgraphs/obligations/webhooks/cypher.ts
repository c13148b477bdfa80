/**
 * The webhook outbox's Cypher (docs/data-model.md, "Webhooks"). Where two processes may race (cluster
 * workers, several instances), a query first takes the node's write lock (`SET x._lock = true REMOVE
 * x._lock`) and only then reads what it decides on: Neo4j's documented pattern against lost updates,
 * since a plain read-then-write under read committed lets both writers pass.
 */

export const WEBHOOK_STATE = `
OPTIONAL MATCH (v:DataVersion {id: 'current'})
WITH coalesce(v.version, 0) AS version
CALL () { MATCH (s:WebhookSubscription) RETURN count(s) AS subscriptions }
RETURN version, subscriptions`;

export const STALE_SUBSCRIPTIONS = `
MATCH (s:WebhookSubscription)
WHERE (s.snapshotVersion < $version OR s.snapshotDay < $day) AND (s.refreshLeaseUntil IS NULL OR s.refreshLeaseUntil < datetime())
RETURN s.id AS id ORDER BY s.snapshotVersion, s.id LIMIT $limit`;

/**
 * Takes a stale subscription for one refresh, so that of several cluster workers only one computes
 * its feed. A refresh that fails keeps the lease until it runs out: a subscription whose subject
 * left the graph is tried again once per lease, not at every poll.
 */
export const CLAIM_REFRESH = `
MATCH (s:WebhookSubscription {id: $id})
SET s._lock = true REMOVE s._lock
WITH s WHERE (s.snapshotVersion < $version OR s.snapshotDay < $day) AND (s.refreshLeaseUntil IS NULL OR s.refreshLeaseUntil < datetime())
SET s.refreshLeaseUntil = datetime() + duration({milliseconds: $leaseMs})
RETURN s {.id, .owner, .serviceType, .deployment, .institution, .context, .snapshot, .snapshotVersion, .snapshotDay} AS s`;

export const RELEASE_REFRESH = `MATCH (s:WebhookSubscription {id: $id}) SET s.refreshLeaseUntil = null`;

/** The change sets that moved the data version from `since` to `until` (the loader records each one's version). */
export const CHANGE_SETS_BETWEEN = `
MATCH (c:ChangeSet) WHERE c.dataVersion > $since AND c.dataVersion <= $until
RETURN c.id AS id, c.dataVersion AS dataVersion, toString(c.appliedAt) AS appliedAt, c.appliedBy AS appliedBy, c.summary AS summary
ORDER BY c.dataVersion`;

/**
 * Moves a subscription's snapshot on, only from the snapshot the caller diffed against (another
 * process may have been first), and with `$delivery` writes its outbox entry in the same transaction.
 * The entry's id is derived from (subscription, trigger) and unique: one entry per change set or day.
 */
export const ADVANCE_SNAPSHOT = `
MATCH (s:WebhookSubscription {id: $id})
SET s._lock = true REMOVE s._lock
WITH s WHERE s.snapshotVersion = $oldVersion AND s.snapshotDay = $oldDay
SET s.snapshot = $snapshot, s.snapshotVersion = $version, s.snapshotDay = $day, s.refreshLeaseUntil = null
WITH s
CALL (s) {
  UNWIND CASE WHEN $delivery IS NULL THEN [] ELSE [$delivery] END AS e
  MERGE (d:WebhookDelivery {id: e.id})
  ON CREATE SET d.key = e.key, d.subscriptionId = s.id, d.owner = s.owner, d.trigger = e.trigger, d.changeSets = e.changeSets,
    d.date = e.date, d.changeCount = e.changeCount, d.body = e.body, d.status = 'PENDING', d.attempts = 0,
    d.createdAt = datetime(), d.nextAttemptAt = datetime()
  MERGE (s)-[:HAS_DELIVERY]->(d)
  RETURN count(d) AS entries
}
RETURN s.id AS id, entries`;

/** The delivery log is bounded: a subscription keeps its `$keep` newest finished entries (pending ones always). */
export const PRUNE_LOG = `
MATCH (:WebhookSubscription {id: $id})-[:HAS_DELIVERY]->(d:WebhookDelivery)
WHERE d.status IN ['DELIVERED', 'FAILED']
WITH d ORDER BY d.createdAt DESC SKIP $keep
OPTIONAL MATCH (d)-[:HAS_ATTEMPT]->(a:WebhookAttempt)
DETACH DELETE a, d`;

/** What the API shows of a subscription (never the snapshot). */
const SUBSCRIPTION_FIELDS = `s {.id, .owner, .url, .description, .serviceType, .deployment, .institution, .context, .snapshotVersion, .snapshotDay, createdAt: toString(s.createdAt)}`;

export const COUNT_OWN = `MATCH (s:WebhookSubscription {owner: $owner}) RETURN count(s) AS n`;

export const CREATE_SUBSCRIPTION = `
CREATE (s:WebhookSubscription {id: $id, owner: $owner, url: $url, description: $description, serviceType: $serviceType,
  deployment: $deployment, institution: $institution, context: $context, createdAt: datetime(),
  snapshot: $snapshot, snapshotVersion: $version, snapshotDay: $day})
RETURN ${SUBSCRIPTION_FIELDS} AS s`;

export const OWN_SUBSCRIPTIONS = `
MATCH (s:WebhookSubscription {owner: $owner})
RETURN ${SUBSCRIPTION_FIELDS} AS s ORDER BY s.createdAt, s.id`;

export const OWN_SUBSCRIPTION = `
MATCH (s:WebhookSubscription {id: $id, owner: $owner})
RETURN ${SUBSCRIPTION_FIELDS} AS s`;

/** The subscription with its outbox entries and their attempts: pending entries are cancelled with it. */
export const DELETE_SUBSCRIPTION = `
MATCH (s:WebhookSubscription {id: $id, owner: $owner})
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_DELIVERY]->(d:WebhookDelivery)
  OPTIONAL MATCH (d)-[:HAS_ATTEMPT]->(a:WebhookAttempt)
  DETACH DELETE a, d
}
DETACH DELETE s
RETURN true AS deleted`;

export const DELIVERIES = `
MATCH (s:WebhookSubscription {id: $id, owner: $owner})-[:HAS_DELIVERY]->(d:WebhookDelivery)
WITH d ORDER BY d.createdAt DESC, d.id LIMIT $limit
CALL (d) {
  OPTIONAL MATCH (d)-[:HAS_ATTEMPT]->(a:WebhookAttempt)
  WITH a ORDER BY a.at
  RETURN collect(a {.attempt, .statusCode, .error, .durationMs, at: toString(a.at)}) AS attempts
}
RETURN d {.id, .subscriptionId, .trigger, .changeSets, .date, .changeCount, .status, .attempts, .lastStatusCode, .lastError,
  createdAt: toString(d.createdAt), nextAttemptAt: toString(d.nextAttemptAt), deliveredAt: toString(d.deliveredAt), log: attempts} AS d
ORDER BY d.createdAt DESC, d.id`;

export const DUE_DELIVERIES = `
MATCH (d:WebhookDelivery {status: 'PENDING'})
WHERE d.nextAttemptAt <= datetime() AND (d.leaseUntil IS NULL OR d.leaseUntil < datetime())
RETURN d.id AS id ORDER BY d.nextAttemptAt LIMIT $limit`;

/** Takes a due entry's lease (so that no other worker POSTs it meanwhile); no row when another worker was first. */
export const CLAIM_DELIVERY = `
MATCH (s:WebhookSubscription)-[:HAS_DELIVERY]->(d:WebhookDelivery {id: $id})
SET d._lock = true REMOVE d._lock
WITH s, d WHERE d.status = 'PENDING' AND d.nextAttemptAt <= datetime() AND (d.leaseUntil IS NULL OR d.leaseUntil < datetime())
SET d.leaseUntil = datetime() + duration({milliseconds: $leaseMs}), d.leaseOwner = $owner
RETURN d.body AS body, d.attempts AS attempts, s.url AS url, s.id AS subscriptionId`;

/**
 * Records one POST: always its attempt node (the log), and the entry's new state only while this
 * worker still holds the lease (after a lost lease, another worker owns the entry).
 */
export const RECORD_ATTEMPT = `
MATCH (d:WebhookDelivery {id: $id})
SET d._lock = true REMOVE d._lock
WITH d, d.attempts + 1 AS n
CREATE (d)-[:HAS_ATTEMPT]->(:WebhookAttempt {id: $attemptId, deliveryId: d.id, attempt: n, at: datetime(), statusCode: $statusCode,
  error: $error, durationMs: $durationMs, worker: $owner})
WITH d, n WHERE d.leaseOwner = $owner AND d.status = 'PENDING'
WITH d, n, CASE WHEN $ok THEN 'DELIVERED' WHEN n >= $maxAttempts THEN 'FAILED' ELSE 'PENDING' END AS status
SET d.attempts = n, d.status = status, d.lastStatusCode = $statusCode, d.lastError = $error, d.leaseUntil = null, d.leaseOwner = null,
  d.deliveredAt = CASE WHEN $ok THEN datetime() ELSE null END,
  d.nextAttemptAt = CASE WHEN status = 'PENDING' THEN datetime() + duration({milliseconds: $retryInMs}) ELSE null END
RETURN status, n AS attempts`;
