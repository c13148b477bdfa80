/**
 * The loader's library API: validate, plan and apply file sets; history, export, checksum, reset.
 * `applyFiles` writes a whole file set in ONE transaction (everything or nothing), serialised by
 * a write lock on the `(:DataVersion {id:'current'})` node and made idempotent by the content
 * hash recorded as `(:ChangeSet {id})`.
 */
import { createHash } from 'node:crypto';
import type { Driver, Transaction } from 'neo4j-driver';
import { migrate, type Label } from '../db/migrate.ts';
import { graphChanged } from '../lib/data-changes.ts';
import { readSeedFile, SeedValidationError, type ReadOptions, type SeedFile, type SeedIssue, type SeedSource } from './files.ts';

/** A file set: paths (the CLI) or contents with names (the write API); both go through the same checks. */
export type SeedInput = string | SeedSource;
import { PROPS, REL_SPECS, SPEC, SPECS_BY_OWNER, nodeKey, propsToGraph, type RelSpec } from './graph-model.ts';
import { planFileSet, sortIssues, type AnyTx, type Diff, type RelRow } from './planner.ts';
import { summarize, summaryLine, type PlanSummary } from './summary.ts';

export interface DbOptions {
  /** Neo4j database name (default `neo4j`). */
  database?: string;
}

export interface LoadOptions extends DbOptions, ReadOptions {}

/** Reads every file; returns the parsed files and all issues (encoding, syntax, schema, size). */
export function readFiles(paths: SeedInput[], opts: ReadOptions = {}): { files: SeedFile[]; issues: SeedIssue[] } {
  const files: SeedFile[] = [];
  const issues: SeedIssue[] = [];
  for (const p of paths) {
    const r = readSeedFile(p, opts);
    files.push(r.file);
    issues.push(...r.issues);
  }
  return { files, issues };
}

export interface ValidationResult {
  ok: boolean;
  issues: SeedIssue[];
  files: number;
}

/**
 * Validates a file set without a database: encoding, syntax, JSON Schema, text size, duplicate
 * ids, references within the set, version intervals, and amendment conflicts among the set's own
 * entities. Amendment references to entities outside the set are checked by plan/apply.
 */
export async function validateFiles(paths: SeedInput[], opts: ReadOptions = {}): Promise<ValidationResult> {
  const { files, issues } = readFiles(paths, opts);
  // Semantic checks run on the files that parsed, so one run reports everything; references into
  // a file that failed to parse would be false alarms, so they are only checked when all parsed.
  const r = await planFileSet({ files: files.filter((f) => f.doc), skipReferences: issues.length > 0 });
  issues.push(...r.issues);
  return { ok: issues.length === 0, issues: sortIssues(issues), files: files.length };
}

/** Content hash of a file set: the file's sha256 for one file, else the sha256 of the sorted file hashes. */
export function changeSetId(files: SeedFile[]): string {
  if (files.length === 1) return files[0]!.sha256;
  return createHash('sha256')
    .update(files.map((f) => f.sha256).sort().join('\n'))
    .digest('hex');
}

export async function changeSetExists(tx: AnyTx, id: string): Promise<{ appliedAt: string; appliedBy: string } | null> {
  const r = await tx.run('MATCH (c:ChangeSet {id: $id}) RETURN toString(c.appliedAt) AS at, c.appliedBy AS by', { id });
  const rec = r.records[0];
  return rec ? { appliedAt: rec.get('at') as string, appliedBy: rec.get('by') as string } : null;
}

export function fail(issues: SeedIssue[]): never {
  throw new SeedValidationError(sortIssues(issues));
}

export interface Progress {
  phase: string;
  done: number;
  total: number;
}

export interface ApplyOptions extends LoadOptions {
  /** Who applies (recorded on the ChangeSet). Required. */
  by: string;
  /** Called after every written batch. */
  progress?: (p: Progress) => void;
  /** Rows per UNWIND batch (default 10,000). */
  batchSize?: number;
}

export interface ApplyResult {
  changeSetId: string;
  /** True when this file set had already been applied: nothing was written. */
  noop: boolean;
  summary: PlanSummary | null;
  dataVersion: number;
  rowsWritten: number;
}

export const DEFAULT_BATCH = 10_000;

const migrated = new WeakMap<Driver, Set<string>>();
async function ensureMigrated(driver: Driver, database: string): Promise<void> {
  let done = migrated.get(driver);
  if (!done) migrated.set(driver, (done = new Set()));
  if (done.has(database)) return;
  await migrate(driver, database);
  done.add(database);
}

function relQuery(specKey: string, mode: 'create' | 'delete'): string {
  const s = SPEC[specKey]!;
  const a = `(a:${s.owner} {id: row.owner})`;
  if (mode === 'delete') {
    const pat = s.dir === 'out' ? `${a}-[r:${s.type}]->(b:${s.other} {id: row.target})` : `${a}<-[r:${s.type}]-(b:${s.other} {id: row.target})`;
    return `UNWIND $rows AS row MATCH ${pat} DELETE r`;
  }
  const rel = s.dir === 'out' ? `(a)-[:${s.type}]->(b)` : `(b)-[:${s.type}]->(a)`;
  return `UNWIND $rows AS row MATCH ${a} MATCH (b:${s.other} {id: row.target}) CREATE ${rel} RETURN count(*) AS n`;
}

/**
 * New nodes are written label by label in this order, each with its new children (versions,
 * deployments, exemptions) and its relationships to labels written before it, in ONE query per
 * batch: no index seek for the new node itself, one per target. Relationships to the same or a
 * later label (BROADER, PART_OF, Obligation→SandboxDesignation) go through `relQuery` afterwards.
 */
const CREATE_ORDER: Label[] = ['Amendment', 'Regulation', 'Concept', 'Capability', 'DataCategory', 'AIServiceType', 'Institution', 'Provision', 'AddresseeRole', 'Obligation', 'SandboxDesignation'];
const RANK = new Map<Label, number>(CREATE_ORDER.map((l, i) => [l, i]));
const CHILD_SPEC = new Map<Label, RelSpec>();
for (const s of REL_SPECS) if (s.child) CHILD_SPEC.set(s.owner, s);

/** The relationships of a new node written inside its CREATE query: those to earlier labels. */
function embeddedSpecs(label: Label, rank: number): RelSpec[] {
  return (SPECS_BY_OWNER.get(label) ?? []).filter((s) => !s.child && (RANK.get(s.other) ?? Infinity) < rank);
}

function relSubquery(node: string, rowVar: string, s: RelSpec, i: number): string {
  const rel = s.dir === 'out' ? `(${node})-[:${s.type}]->(b)` : `(b)-[:${s.type}]->(${node})`;
  return `CALL (${node}, ${rowVar}) { UNWIND ${rowVar}.r${i} AS t MATCH (b:${s.other} {id: t}) CREATE ${rel} RETURN count(*) AS c }`;
}

interface CreatePlan {
  query: string;
  specs: RelSpec[];
  child: RelSpec | null;
  childSpecs: RelSpec[];
}

/** The CREATE query for new nodes of `label`; it returns the number of relationships it created. */
function createQuery(label: Label): CreatePlan {
  const rank = RANK.get(label)!;
  const specs = embeddedSpecs(label, rank);
  const child = CHILD_SPEC.get(label) ?? null;
  // A child is written with its owner, so it may link to the owner's label's predecessors too.
  const childSpecs = child ? embeddedSpecs(child.other, rank) : [];
  const parts = [`UNWIND $rows AS row CREATE (n:${label}) SET n = row.props WITH n, row, 0 AS total`];
  specs.forEach((s, i) => parts.push(`${relSubquery('n', 'row', s, i)} WITH n, row, total + c AS total`));
  if (child) {
    const inner = [`UNWIND row.children AS k CREATE (m:${child.other}) SET m = k.props CREATE (n)-[:${child.type}]->(m) WITH m, k, 1 AS subtotal`];
    childSpecs.forEach((s, i) => inner.push(`${relSubquery('m', 'k', s, i)} WITH m, k, subtotal + c AS subtotal`));
    inner.push('RETURN sum(subtotal) AS c');
    parts.push(`CALL (n, row) { ${inner.join(' ')} } WITH n, row, total + c AS total`);
  }
  parts.push('RETURN sum(total) AS n');
  return { query: parts.join(' '), specs, child, childSpecs };
}
const CREATE_QUERIES = new Map(CREATE_ORDER.map((l) => [l, createQuery(l)]));

export async function writeDiff(tx: AnyTx, diff: Diff, batchSize: number, progress?: (p: Progress) => void): Promise<number> {
  const relRows = (m: Map<string, RelRow[]>): number => [...m.values()].reduce((n, rows) => n + rows.length, 0);
  const total = diff.created.length + diff.updated.length + diff.deleted.length + relRows(diff.relAdds) + relRows(diff.relDels);
  let done = 0;
  const tick = (phase: string, n: number): void => {
    done += n;
    progress?.({ phase, done, total });
  };
  const batches = async <T>(rows: T[], phase: string, run: (batch: T[]) => Promise<void>): Promise<void> => {
    for (let i = 0; i < rows.length; i += batchSize) {
      const b = rows.slice(i, i + batchSize);
      await run(b);
      tick(phase, b.length);
    }
  };
  progress?.({ phase: 'writing', done: 0, total });

  for (const [spec, rows] of diff.relDels) await batches(rows, `unlinking ${SPEC[spec]!.type}`, async (b) => void (await tx.run(relQuery(spec, 'delete'), { rows: b })));

  const byLabel = <T extends { label: Label }>(xs: T[]): Map<Label, T[]> => {
    const m = new Map<Label, T[]>();
    for (const x of xs) {
      let l = m.get(x.label);
      if (!l) m.set(x.label, (l = []));
      l.push(x);
    }
    return m;
  };
  for (const [label, xs] of byLabel(diff.deleted))
    await batches(xs.map((x) => x.id), `deleting ${label}`, async (b) => void (await tx.run(`UNWIND $ids AS id MATCH (n:${label} {id: id}) DETACH DELETE n`, { ids: b })));

  // New nodes: owners with their new children and embedded relationships (see CREATE_ORDER).
  const createdKeys = new Set(diff.created.map((c) => nodeKey(c.label, c.id)));
  /** Relationship rows (spec, owner[, child]) and child nodes already written by a CREATE query. */
  const embedded = new Set<string>();
  const createdByLabel = byLabel(diff.created);
  for (const label of CREATE_ORDER) {
    const xs = createdByLabel.get(label);
    if (!xs?.length) continue;
    const q = CREATE_QUERIES.get(label)!;
    let expected = 0;
    const rows = xs.map((x) => {
      const node = diff.desired.get(label, x.id)!;
      const row: Record<string, unknown> = { props: propsToGraph(node.props) };
      q.specs.forEach((s, i) => {
        const targets = [...(node.rels.get(s.key) ?? [])];
        row[`r${i}`] = targets;
        expected += targets.length;
        embedded.add(`${s.key}\u0000${x.id}`);
      });
      if (q.child) {
        const kids: Array<Record<string, unknown>> = [];
        for (const cid of node.rels.get(q.child.key) ?? []) {
          if (!createdKeys.has(nodeKey(q.child.other, cid))) continue;
          const kid = diff.desired.get(q.child.other, cid)!;
          const k: Record<string, unknown> = { props: propsToGraph(kid.props) };
          q.childSpecs.forEach((s, i) => {
            const targets = [...(kid.rels.get(s.key) ?? [])];
            k[`r${i}`] = targets;
            expected += targets.length;
            embedded.add(`${s.key}\u0000${cid}`);
          });
          kids.push(k);
          expected += 1;
          embedded.add(`${q.child.key}\u0000${x.id}\u0000${cid}`);
          embedded.add(`node\u0000${nodeKey(q.child.other, cid)}`);
        }
        row.children = kids;
      }
      return row;
    });
    let created = 0;
    await batches(rows, `creating ${label}`, async (b) => {
      const r = await tx.run(q.query, { rows: b });
      created += Number(r.records[0]?.get('n') ?? 0);
    });
    // The planner checked every reference; a shortfall means the graph changed under us.
    if (created !== expected) throw new Error(`internal: created ${created} of ${expected} relationships of new ${label} nodes; rolled back`);
  }
  // New children whose owner already existed are written on their own.
  const leftover = diff.created.filter((c) => !RANK.has(c.label) && !embedded.has(`node\u0000${nodeKey(c.label, c.id)}`));
  for (const [label, xs] of byLabel(leftover)) {
    const rows = xs.map((x) => propsToGraph(diff.desired.get(label, x.id)!.props));
    await batches(rows, `creating ${label}`, async (b) => void (await tx.run(`UNWIND $rows AS row CREATE (n:${label}) SET n = row`, { rows: b })));
  }
  for (const [label, xs] of byLabel(diff.updated)) {
    const rows = xs.map((x) => {
      const all = diff.desired.get(label, x.id)!.props;
      const changed: Record<string, unknown> = {};
      for (const p of x.props) changed[p] = all[p];
      return { id: x.id, props: propsToGraph(changed) };
    });
    await batches(rows, `updating ${label}`, async (b) => void (await tx.run(`UNWIND $rows AS row MATCH (n:${label} {id: row.id}) SET n += row.props`, { rows: b })));
  }

  for (const [spec, all] of diff.relAdds) {
    const child = SPEC[spec]!.child;
    const rows = all.filter((r) => !embedded.has(child ? `${spec}\u0000${r.owner}\u0000${r.target}` : `${spec}\u0000${r.owner}`));
    await batches(rows, `linking ${SPEC[spec]!.type}`, async (b) => {
      const r = await tx.run(relQuery(spec, 'create'), { rows: b });
      const n = Number(r.records[0]?.get('n') ?? 0);
      // The planner checked every reference; a shortfall means the graph changed under us.
      if (n !== b.length) throw new Error(`internal: created ${n} of ${b.length} ${SPEC[spec]!.type} relationships; rolled back`);
    });
  }
  return total;
}

/** Raised when the file set does not fit in one transaction of the server's memory. */
export class SeedTooLargeError extends Error {
  override name = 'SeedTooLargeError';
}

/**
 * The driver retries transient errors; running out of transaction memory is transient to Neo4j
 * but would fail again on every retry, so it is turned into a plain, non-retried error.
 */
function notRetried(err: unknown): never {
  const code = (err as { code?: string }).code ?? '';
  if (code.includes('MemoryPoolOutOfMemoryError') || code.includes('TransactionOutOfMemoryError'))
    throw new SeedTooLargeError(
      `the file set does not fit in one transaction (${(err as Error).message.split('\n')[0]}); ` +
        'give Neo4j more heap (NEO4J_HEAP, e.g. 3g: dbms.memory.transaction.total.max is 70% of it) or split the set',
    );
  throw err;
}

/**
 * Applies a file set in one transaction. Throws SeedValidationError (nothing written) on any
 * problem. Re-applying the same content is a no-op.
 */
export async function applyFiles(driver: Driver, paths: SeedInput[], opts: ApplyOptions): Promise<ApplyResult> {
  if (!opts.by || !opts.by.trim()) throw new Error('applyFiles: "by" (who applies) is required');
  const { files, issues } = readFiles(paths, opts);
  if (issues.length) fail(issues);
  const id = changeSetId(files);
  const database = opts.database ?? 'neo4j';
  await ensureMigrated(driver, database);
  const session = driver.session({ database });
  // An explicit transaction rather than executeWrite: a file set that fails (bad data, out of
  // memory) must not be retried, and concurrent applies wait on the lock rather than fail.
  const tx = session.beginTransaction({ metadata: { app: 'regkg-seed', changeSet: id, by: opts.by } });
  try {
    const result = await applyInTransaction(tx, files, id, opts);
    opts.progress?.({ phase: 'committing', done: result.rowsWritten, total: result.rowsWritten });
    await tx.commit();
    if (!result.noop) graphChanged(result.dataVersion);
    return result;
  } catch (err) {
    if (tx.isOpen()) await tx.rollback().catch(() => {});
    notRetried(err);
  } finally {
    await session.close();
  }
}

async function applyInTransaction(tx: Transaction, files: SeedFile[], id: string, opts: ApplyOptions): Promise<ApplyResult> {
  // Serialises concurrent applies: the second waits here until the first commits, then sees its ChangeSet.
  const lock = await tx.run("MERGE (v:DataVersion {id: 'current'}) ON CREATE SET v.version = 0 SET v._lock = true REMOVE v._lock RETURN v.version AS version");
  const version = Number(lock.records[0]!.get('version'));
  if (await changeSetExists(tx, id)) return { changeSetId: id, noop: true, summary: null, dataVersion: version, rowsWritten: 0 };
  opts.progress?.({ phase: 'planning', done: 0, total: 0 });
  const r = await planFileSet({ files, tx });
  if (!r.diff) fail(r.issues);
  const summary = summarize(r.diff);
  const rowsWritten = await writeDiff(tx, r.diff, opts.batchSize ?? DEFAULT_BATCH, opts.progress);
  opts.progress?.({ phase: 'recording changeset', done: rowsWritten, total: rowsWritten });
  await tx.run(
    `CREATE (c:ChangeSet {id: $id, files: $files, appliedAt: datetime(), appliedBy: $by, summary: $summary, counts: $counts})
     WITH c UNWIND $amendments AS aid MATCH (a:Amendment {id: aid}) CREATE (c)-[:APPLIED]->(a)`,
    {
      id,
      files: files.map((f) => `${f.display} sha256:${f.sha256}`),
      by: opts.by,
      summary: summaryLine(summary),
      counts: JSON.stringify({ entities: summary.entities, relationships: summary.relationships }),
      amendments: r.diff.amendmentIds,
    },
  );
  let dataVersion = version;
  if (summary.changed) {
    // The change set records the version it made: the webhook outbox names the change sets behind a version step.
    const v = await tx.run("MATCH (v:DataVersion {id: 'current'}) SET v.version = v.version + 1 WITH v MATCH (c:ChangeSet {id: $id}) SET c.dataVersion = v.version RETURN v.version AS version", { id });
    dataVersion = Number(v.records[0]!.get('version'));
  }
  return { changeSetId: id, noop: false, summary, dataVersion, rowsWritten };
}

/** Deletes every node and relationship (tests and `seed reset`). Keeps constraints and indexes. */
export async function resetGraph(driver: Driver, opts: DbOptions = {}): Promise<void> {
  const session = driver.session({ database: opts.database ?? 'neo4j' });
  try {
    // Batched so that large graphs do not build one huge transaction.
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}

export { PROPS };
