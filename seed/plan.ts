/**
 * `plan`: what applying a file set would change, against the current graph — the summary and text
 * diffs, and the change feed the apply would cause (seed/plan-feed.ts). For the feed, the plan's diff
 * is written inside an explicit transaction exactly as `apply` writes it, the engine reads the graph
 * inside that transaction, and the transaction is rolled back: nothing is committed, no ChangeSet is
 * recorded and the data version does not move. The graph as it is is then read in a second, read
 * transaction; if an apply committed in between (the data version moved), the plan starts over
 * rather than compare two different graphs (three times at most).
 */
import type { Driver, Session } from 'neo4j-driver';
import { TransactionReader } from '../lib/neo4j.ts';
import { readDataVersion } from '../subgraphs/shared/data-version.ts';
import { changeSetExists, changeSetId, DEFAULT_BATCH, fail, readFiles, writeDiff, type LoadOptions, type SeedInput } from './loader.ts';
import { compareFeeds, readSideSubjects, sideFeed, subjectsOf, touchedOf, windowOf, type PlanFeed, type PlanFeedOptions } from './plan-feed.ts';
import type { SeedFile } from './files.ts';
import { planFileSet } from './planner.ts';
import { summarize, type PlanSummary } from './summary.ts';

export interface PlanResult {
  changeSetId: string;
  /** Set when this exact file set was applied before: applying again changes nothing. */
  alreadyApplied: { appliedAt: string; appliedBy: string } | null;
  summary: PlanSummary;
  /** The change feed the apply would cause; null when it changes nothing or the feed was not asked for. */
  feed: PlanFeed | null;
  /** Why the feed was not computed (the server's answer to a read-only key: the feed needs the write scope). */
  feedOmitted?: string | null;
}

export interface PlanOptions extends LoadOptions {
  /** The feed's window, or false for no feed (then the plan only reads, in a READ session). */
  feed?: PlanFeedOptions | false;
}

/** What applying the files would change (throws SeedValidationError; commits nothing). */
export async function planFiles(driver: Driver, paths: SeedInput[], opts: PlanOptions = {}): Promise<PlanResult> {
  const { files, issues } = readFiles(paths, opts);
  if (issues.length) fail(issues);
  const id = changeSetId(files);
  const feedOpts = opts.feed ?? {};
  const session = driver.session({ database: opts.database ?? 'neo4j', defaultAccessMode: feedOpts === false ? 'READ' : 'WRITE' });
  try {
    if (feedOpts === false) {
      return await session.executeRead(async (tx) => {
        const prior = await changeSetExists(tx, id);
        const r = await planFileSet({ files, tx });
        if (!r.diff) fail(r.issues);
        return { changeSetId: id, alreadyApplied: prior, summary: summarize(r.diff), feed: null };
      });
    }
    // An apply committed between the two sides' reads would compare two different graphs: plan again.
    for (let attempt = 1; ; attempt++) {
      const r = await planWithFeed(session, files, id, feedOpts);
      if (r !== 'GRAPH_MOVED') return r;
      if (attempt === 3) throw new Error('the graph changed while planning, three times in a row (applies are being committed): run plan again');
    }
  } finally {
    await session.close();
  }
}

async function planWithFeed(session: Session, files: SeedFile[], id: string, feedOpts: PlanFeedOptions): Promise<PlanResult | 'GRAPH_MOVED'> {
  // Explicit, never committed: a managed transaction could be retried, and this one must only ever roll back.
  const tx = session.beginTransaction({ metadata: { app: 'regkg-seed', plan: id } });
  let result: Omit<PlanResult, 'feed'>;
  let window: ReturnType<typeof windowOf>;
  let side: ReturnType<typeof subjectsOf>;
  let version: number;
  let after;
  const reader = new TransactionReader(tx);
  try {
    version = await readDataVersion(reader);
    const prior = await changeSetExists(tx, id);
    const r = await planFileSet({ files, tx });
    if (!r.diff) fail(r.issues);
    result = { changeSetId: id, alreadyApplied: prior, summary: summarize(r.diff) };
    if (prior || !result.summary.changed) return { ...result, feed: null };
    window = windowOf(r.diff, feedOpts);
    const touched = touchedOf(r.diff);
    const beforeSubjects = await readSideSubjects(reader, touched);
    await writeDiff(tx, r.diff, DEFAULT_BATCH);
    side = subjectsOf(beforeSubjects, await readSideSubjects(reader, touched));
    after = await sideFeed(reader, side.after, window.from, window.to);
  } finally {
    if (tx.isOpen()) await tx.rollback();
  }
  const before = await session.executeRead(async (rtx) => {
    const reader = new TransactionReader(rtx);
    return (await readDataVersion(reader)) === version ? sideFeed(reader, side.before, window.from, window.to) : null;
  });
  if (!before) return 'GRAPH_MOVED';
  const note = [window.note, side.note].filter(Boolean).join('; ') || null;
  return { ...result, feed: { from: window.from, to: window.to, subjects: side.after.length, changes: compareFeeds(before, after), note } };
}
