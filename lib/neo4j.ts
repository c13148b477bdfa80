/**
 * The one place that runs Cypher. A session per call, closed in `finally`; reads and writes go
 * through managed transactions; values are converted to plain JS at this boundary (Neo4j Integer →
 * number, temporal → ISO string) so repositories and resolvers never see driver types.
 */
import neo4j, { type Driver, isInt, isDate, isDateTime, isLocalDateTime, Neo4jError } from 'neo4j-driver';
import type { Neo4jConfig } from './config.ts';
import './socket-nodelay.ts';
import { appError, ErrorCode } from './errors.ts';
import { StringTable } from './string-table.ts';
import { observeCypher } from './metrics.ts';

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

/** Counts every Cypher query this process runs; the N+1 tests read it. */
export const queryStats = { count: 0, byName: new Map<string, number>() };

export function resetQueryStats(): void {
  queryStats.count = 0;
  queryStats.byName.clear();
}

export function createDriver(cfg: Neo4jConfig): Driver {
  return neo4j.driver(cfg.uri, neo4j.auth.basic(cfg.username, cfg.password), {
    maxConnectionPoolSize: 50,
    // Neo4j gone must reach clients as DATABASE_UNAVAILABLE within about a second (issue 12), not
    // after the driver's defaults (60 s acquisition, 30 s connect, 30 s retries): a refused or
    // silent server fails the connect in 1 s, and waiting for a pooled connection is bounded too.
    connectionAcquisitionTimeout: 2_000,
    connectionTimeout: 1_000,
    maxTransactionRetryTime: 1_000,
    disableLosslessIntegers: false,
    logging: { level: 'error', logger: (_level, message) => console.error(`neo4j-driver: ${message}`) },
  });
}

/**
 * Converts driver values (Integer, temporal types, nodes' property maps) to plain JS. With `strings`,
 * equal strings (and dates) come back as one string object: see ReadOptions.shareStrings.
 */
export function toPlain(value: unknown, strings?: StringTable): unknown {
  if (value === null || value === undefined) return null;
  const t = typeof value;
  if (t === 'string') return strings ? strings.share(value as string) : value;
  if (t === 'boolean' || t === 'number') return value;
  if (isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (isDate(value as never) || isDateTime(value as never) || isLocalDateTime(value as never)) return strings ? strings.share(String(value)) : String(value);
  if (Array.isArray(value)) return value.map((x) => toPlain(x, strings));
  if (t === 'object') {
    const v = value as Record<string, unknown>;
    if ('properties' in v && 'labels' in v) return toPlain(v.properties, strings);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toPlain(x, strings);
    return out;
  }
  return value;
}

export interface ReadOptions {
  /**
   * One string object per distinct string in the result (lib/string-table.ts), for results held in
   * memory for long: ids, names, citations and texts recur across rows. A table of the caller's
   * shares strings across reads too.
   */
  shareStrings?: boolean | StringTable;
}

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.ClientError.Security.Unauthorized', 'Neo.TransientError.General.DatabaseUnavailable', 'Neo.ClientError.Database.DatabaseNotFound']);

function mapError(err: unknown): never {
  if (err instanceof Neo4jError && (UNAVAILABLE.has(err.code) || err.code?.startsWith('Neo.TransientError'))) {
    throw appError(ErrorCode.DATABASE_UNAVAILABLE, 'The knowledge graph database is unavailable; try again shortly.');
  }
  if (err instanceof Error && /ECONNREFUSED|connect|Pool is closed/i.test(err.message) && !(err instanceof Neo4jError && err.code?.startsWith('Neo.ClientError.Statement'))) {
    throw appError(ErrorCode.DATABASE_UNAVAILABLE, 'The knowledge graph database is unavailable; try again shortly.');
  }
  throw err;
}

/** The client-side bound of Executor.bounded ran out: the server is not answering. */
class ClientTimeout extends Error {
  constructor() {
    super('client-side query timeout');
    this.name = 'ClientTimeout';
  }
}

/** What the engine's reads need: the Executor, or a reader inside an open transaction (TransactionReader). */
export interface Reader {
  read(name: string, cypher: string, params?: Params, opts?: ReadOptions): Promise<Row[]>;
}

/** JS numbers reach Cypher as floats; SKIP/LIMIT and integer comparisons need Neo4j integers. */
function toNeoParams(params: Params): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'number' && Number.isInteger(v) ? neo4j.int(v) : v;
  return out;
}

function toRows(res: { records: { keys: PropertyKey[]; get(k: PropertyKey): unknown }[] }, strings?: StringTable): Row[] {
  return res.records.map((rec) => {
    const row: Row = {};
    for (const key of rec.keys) row[String(key)] = toPlain(rec.get(key), strings);
    return row;
  });
}

function stringsOf(opts: ReadOptions): StringTable | undefined {
  return opts.shareStrings instanceof StringTable ? opts.shareStrings : opts.shareStrings ? new StringTable() : undefined;
}

/** Counts a named query for the N+1 tests and benches (queryStats). */
function countQuery(name: string): void {
  queryStats.count += 1;
  queryStats.byName.set(name, (queryStats.byName.get(name) ?? 0) + 1);
}

/**
 * Reads inside a transaction the caller holds open: `seed plan` evaluates the engine on the graph as
 * an apply would leave it, inside the apply's own (rolled back) transaction. Rows come back exactly
 * as Executor.read returns them.
 */
export class TransactionReader implements Reader {
  constructor(private readonly tx: { run(cypher: string, params?: Params): Promise<{ records: { keys: PropertyKey[]; get(k: PropertyKey): unknown }[] }> }) {}

  async read(name: string, cypher: string, params: Params = {}, opts: ReadOptions = {}): Promise<Row[]> {
    countQuery(name);
    return toRows(await this.tx.run(cypher, toNeoParams(params)), stringsOf(opts));
  }
}

export class Executor implements Reader {
  constructor(
    readonly driver: Driver,
    readonly database: string,
    /** Transaction timeout of every query (NEO4J_QUERY_TIMEOUT_MS): a runaway read is stopped by the server. */
    readonly queryTimeoutMs = 10_000,
    /** False for background work (the webhook outbox): the N+1 tests count a request's queries only. */
    readonly counted = true,
  ) {}

  /** Runs a named read query; returns rows as plain objects. */
  async read(name: string, cypher: string, params: Params = {}, opts: ReadOptions = {}): Promise<Row[]> {
    return this.run(name, cypher, params, 'READ', stringsOf(opts));
  }

  /**
   * A server that stops answering (a hung process, a network partition) leaves a pooled connection
   * waiting with no client-side limit: the transaction timeout is enforced by the server. This bounds
   * the wait on the client to the same timeout.
   */
  private bounded<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ClientTimeout()), this.queryTimeoutMs);
    });
    return Promise.race([work, limit]).finally(() => clearTimeout(timer));
  }

  async write(name: string, cypher: string, params: Params = {}): Promise<Row[]> {
    return this.run(name, cypher, params, 'WRITE');
  }

  private async run(name: string, cypher: string, params: Params, mode: 'READ' | 'WRITE', strings?: StringTable): Promise<Row[]> {
    if (this.counted) countQuery(name);
    const neoParams = toNeoParams(params);
    const config = { metadata: { app: 'regkg', query: name }, timeout: this.queryTimeoutMs };
    let hung = false;
    let ok = false;
    const timer = process.hrtime.bigint();
    const session = this.driver.session({ database: this.database, defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE });
    try {
      if (mode === 'WRITE') {
        const rows = await session.executeWrite(async (tx) => toRows(await tx.run(cypher, neoParams), strings), config);
        ok = true;
        return rows;
      }
      // Reads run as auto-commit queries: one round trip fewer than a managed transaction (no
      // BEGIN/COMMIT), which the benchmark showed on every request. A read has no side effects, so
      // a transient failure is simply retried once.
      const started = Date.now();
      try {
        const rows = toRows(await this.bounded(session.run(cypher, neoParams, config)), strings);
        ok = true;
        return rows;
      } catch (err) {
        // Only a fast failure is retried (a connection the server closed): a slow one already cost
        // the client its wait, and a second would double it.
        if (!(err instanceof Neo4jError && err.retriable) || Date.now() - started > 250) throw err;
        const rows = toRows(await this.bounded(session.run(cypher, neoParams, config)), strings);
        ok = true;
        return rows;
      }
    } catch (err) {
      // Only our own client-side timeout means the server stopped answering (other errors came from it).
      hung = err instanceof ClientTimeout;
      return mapError(hung ? appError(ErrorCode.DATABASE_UNAVAILABLE, 'The knowledge graph database did not answer in time; try again shortly.') : err);
    } finally {
      observeCypher(name, mode, Number(process.hrtime.bigint() - timer) / 1e9, ok);
      // After a timeout the server is not answering, and close() would wait for it too: it is left
      // to finish in the background.
      const closing = session.close().catch(() => {});
      if (!hung) await closing;
    }
  }
}
