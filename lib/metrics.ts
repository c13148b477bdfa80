/**
 * The process's Prometheus metrics (prom-client), served at /metrics (lib/health.ts). One registry
 * per process: under `npm start` the gateway and the five subgraphs share a process, so every port
 * of that process answers /metrics with the same series, told apart by the `service` label.
 *
 * Under `npm start`'s cluster (SERVE_WORKERS > 1) the workers share the ports, so a scrape reaches
 * one worker at random: that worker asks the cluster primary (scripts/serve-cluster.mjs), which
 * gathers every worker's registry (prom-client's AggregatorRegistry: counters and histograms summed)
 * and hands back the sum, so that Prometheus sees one consistent process.
 *
 * Labels are bounded: operation names come from clients, so only well-formed names are kept and,
 * past OPERATION_NAMES_MAX distinct names, the rest are counted as "other" (an unbounded label
 * would grow the registry, and a scrape, with every name a client invents). Query names are the
 * named Cypher constants of the code, error codes the ErrorCode enum plus Apollo's own.
 */
import cluster from 'node:cluster';
import client from 'prom-client';

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'regkg_' });

/** Seconds; the gateway's budget is REQUEST_TIMEOUT_MS (10 s by default). */
const REQUEST_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const QUERY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 10];

const requests = new client.Counter({
  name: 'regkg_graphql_requests_total',
  help: 'GraphQL requests answered, by service (gateway or subgraph), operation name and outcome (ok, client_error, error)',
  labelNames: ['service', 'operation', 'outcome'] as const,
  registers: [registry],
});
const requestSeconds = new client.Histogram({
  name: 'regkg_graphql_request_duration_seconds',
  help: 'Time from receiving a GraphQL request to sending its answer, by service and operation name',
  labelNames: ['service', 'operation'] as const,
  buckets: REQUEST_BUCKETS,
  registers: [registry],
});
const errors = new client.Counter({
  name: 'regkg_graphql_errors_total',
  help: 'Errors in GraphQL answers, by service and extensions.code',
  labelNames: ['service', 'code'] as const,
  registers: [registry],
});
const fetchSeconds = new client.Histogram({
  name: 'regkg_subgraph_fetch_duration_seconds',
  help: "The gateway's subgraph fetches: time to the subgraph's answer (or failure), by subgraph",
  labelNames: ['subgraph'] as const,
  buckets: REQUEST_BUCKETS,
  registers: [registry],
});
const fetchFailures = new client.Counter({
  name: 'regkg_subgraph_fetch_failures_total',
  help: 'Subgraph fetches that failed (SUBGRAPH_TIMEOUT, SUBGRAPH_UNAVAILABLE incl. an open circuit breaker), by subgraph and code',
  labelNames: ['subgraph', 'code'] as const,
  registers: [registry],
});
const cypherSeconds = new client.Histogram({
  name: 'regkg_cypher_query_duration_seconds',
  help: 'Cypher queries run through the Executor (lib/neo4j.ts), by query name, mode and outcome',
  labelNames: ['query', 'mode', 'outcome'] as const,
  buckets: QUERY_BUCKETS,
  registers: [registry],
});
const cacheLookups = new client.Counter({
  name: 'regkg_cache_lookups_total',
  help: 'Lookups of the caches kept between requests (shared_reads: subgraphs/shared/shared-reads.ts; engine: the applicability engine), by result (hit, miss)',
  labelNames: ['cache', 'result'] as const,
  registers: [registry],
});
const dataVersion = new client.Gauge({
  name: 'regkg_data_version',
  // Across cluster workers: the oldest version any of them still serves.
  aggregator: 'min',
  help: 'The graph data version this process last read ((:DataVersion).version; bumped by every applied change set)',
  registers: [registry],
});
const matcherIndexSize = new client.Gauge({
  name: 'regkg_matcher_index_documents',
  // One worker holds the index; the others report none.
  aggregator: 'max',
  help: "Documents (obligations) in the assistant's matcher index of the current data version",
  registers: [registry],
});

const webhookDeliveries = new client.Counter({
  name: 'regkg_webhook_deliveries_total',
  help: 'Webhook POST attempts by outcome: delivered (2xx), retry (failed, another attempt scheduled), failed (gave up after WEBHOOK_MAX_ATTEMPTS)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});
const webhookOutbox = new client.Counter({
  name: 'regkg_webhook_outbox_entries_total',
  help: 'Webhook outbox entries written, by trigger (change_set: an apply changed a watched report; date: a dated change took effect)',
  labelNames: ['trigger'] as const,
  registers: [registry],
});

/** The messages between a cluster worker and scripts/serve-cluster.mjs. */
export const CLUSTER_METRICS_REQUEST = 'regkg:metrics';
export const CLUSTER_METRICS_RESPONSE = 'regkg:metrics:result';

if (cluster.isWorker) {
  // Answers the primary's AggregatorRegistry with this registry (prom-client's listener is added
  // by constructing one).
  client.AggregatorRegistry.setRegistries([registry]);
  new client.AggregatorRegistry();
}

let nextRequest = 0;

/** The exposition text of /metrics: this process's, or in a cluster worker the whole cluster's. */
export async function metricsText(): Promise<string> {
  if (!cluster.isWorker || !process.send) return registry.metrics();
  const id = `${process.pid}:${nextRequest++}`;
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error('the cluster primary did not answer for the metrics in 6 s')), 6000);
    const onMessage = (m: { type?: string; id?: string; text?: string; error?: string }) => {
      if (m?.type === CLUSTER_METRICS_RESPONSE && m.id === id) finish(m.error ? new Error(m.error) : null, m.text ?? '');
    };
    function finish(err: Error | null, text = '') {
      clearTimeout(timer);
      process.off('message', onMessage);
      if (err) reject(err);
      else resolve(text);
    }
    process.on('message', onMessage);
    process.send!({ type: CLUSTER_METRICS_REQUEST, id });
  });
}

const OPERATION_NAMES_MAX = 200;
const seenOperations = new Set<string>();

/** The operation label: a GraphQL name as sent, "anonymous" without one, "other" past the cap. */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (!/^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(name)) return 'other';
  if (seenOperations.has(name)) return name;
  if (seenOperations.size >= OPERATION_NAMES_MAX) return 'other';
  seenOperations.add(name);
  return name;
}

export type Outcome = 'ok' | 'client_error' | 'error';

/** `seconds` null: refused before any work (e.g. no API key), counted but kept out of the latency histogram. */
export function observeRequest(service: string, operation: string, outcome: Outcome, seconds: number | null, codes: readonly string[]): void {
  requests.inc({ service, operation, outcome });
  if (seconds !== null) requestSeconds.observe({ service, operation }, seconds);
  for (const code of codes) errors.inc({ service, code });
}

export function observeSubgraphFetch(subgraph: string, seconds: number, failureCode: string | null): void {
  fetchSeconds.observe({ subgraph }, seconds);
  if (failureCode) fetchFailures.inc({ subgraph, code: failureCode });
}

export function observeCypher(query: string, mode: 'READ' | 'WRITE', seconds: number, ok: boolean): void {
  cypherSeconds.observe({ query, mode, outcome: ok ? 'ok' : 'error' }, seconds);
}

/** Counts `hits` and `misses` of one lookup batch in `cache`. */
export function observeCache(cache: 'shared_reads' | 'engine', hits: number, misses: number): void {
  if (hits) cacheLookups.inc({ cache, result: 'hit' }, hits);
  if (misses) cacheLookups.inc({ cache, result: 'miss' }, misses);
}

export function setDataVersion(version: number): void {
  dataVersion.set(version);
}

export function setMatcherIndexSize(size: number): void {
  matcherIndexSize.set(size);
}

export function observeWebhookDelivery(outcome: 'delivered' | 'retry' | 'failed'): void {
  webhookDeliveries.inc({ outcome });
}

export function observeWebhookOutbox(trigger: 'change_set' | 'date'): void {
  webhookOutbox.inc({ trigger });
}
