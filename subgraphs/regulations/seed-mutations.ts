/**
 * The write path: validateSeed / planSeed / applySeed over the seed loader (seed/loader.ts, the
 * same functions the CLI calls, so the checks, the one transaction, the idempotence and the data
 * version bump are the CLI's). Who may do what is decided here, from the API key the server
 * authenticated: the ChangeSet's `appliedBy` is the key's name, never anything the client sends.
 */
import type { Driver } from 'neo4j-driver';
import { hasScope, type Caller, type Scope } from '../../lib/api-keys.ts';
import type { Config } from '../../lib/config.ts';
import { appError, badInput, CONTROL_CHARACTERS, ErrorCode, unauthenticated } from '../../lib/errors.ts';
import { consumeOrRefuse, perKeyLimiter } from '../../lib/rate-limit.ts';
import { applyFiles, planFiles, SeedValidationError, validateFiles, type PlanFeedChange, type PlanSummary, type SeedIssue, type SeedSource } from '../../seed/index.ts';
import type { Language } from '../shared/i18n.ts';
import { summaryLine } from '../../seed/summary.ts';

interface Ctx {
  caller: Caller | null;
}
type FilesArg = { files: SeedSource[] };

function toSummary(s: PlanSummary) {
  return {
    changed: s.changed,
    line: summaryLine(s),
    provisions: { new: s.provisions.new, changed: s.provisions.changed, removed: s.provisions.repealed },
    obligations: { new: s.obligations.new, changed: s.obligations.changed, removed: s.obligations.retired },
    designations: { new: s.designations.new, changed: s.designations.changed, removed: [] },
    amendments: { new: s.amendments.new, changed: [], removed: [] },
    entities: Object.entries(s.entities).map(([label, c]) => ({ label, ...c! })),
    relationshipsAdded: s.relationships.added,
    relationshipsRemoved: s.relationships.removed,
    textDiffs: s.textDiffs,
  };
}

/** Invalid input is an answer, not a failure: `ok: false` with the CLI's file:line:col issues. */
const invalid = (errors: SeedIssue[]) => ({ ok: false, errors });


export function seedMutations(config: Config, readDriver: Driver, writeDriver: () => Driver) {
  const { maxSeedBytes, maxSeedFiles, rateLimit } = config.writeApi;
  // Per process: with SERVE_WORKERS=N workers each serving the regulations subgraph, a key gets at
  // most N× the limit (README, security). Keyed by the key's name, so all of one holder's keys share it.
  const limiter = perKeyLimiter(rateLimit);
  const readOpts = { maxTextLength: config.limits.maxTextLength, database: config.neo4j.database };

  async function admit(ctx: Ctx, scope: Scope, args: FilesArg): Promise<{ caller: Caller; files: SeedSource[] }> {
    const caller = ctx.caller;
    if (!caller) throw unauthenticated(`this mutation needs an API key with the ${scope} scope (x-api-key header)`);
    if (!hasScope(caller, scope)) throw appError(ErrorCode.FORBIDDEN, `the API key "${caller.name}" may not ${scope === 'write' ? 'apply seed files' : 'use the seed API'} (it lacks the ${scope} scope)`);
    const files = args.files;
    if (!files.length) throw badInput('give at least one file', 'files');
    if (files.length > maxSeedFiles) throw badInput(`at most ${maxSeedFiles} files per request (MAX_SEED_FILES), got ${files.length}`, 'files');
    let total = 0;
    const names = new Set<string>();
    for (const [i, f] of files.entries()) {
      // Names are cited in messages and pick JSON/YAML: printable, bounded.
      if (!f.name.trim() || f.name.length > 255 || CONTROL_CHARACTERS.test(f.name)) throw badInput(`files[${i}].name must be 1–255 printable characters`, `files[${i}].name`);
      if (names.has(f.name)) throw badInput(`files[${i}].name "${f.name}" is given twice`, `files[${i}].name`);
      names.add(f.name);
      total += Buffer.byteLength(f.content as string, 'utf8');
      if (total > maxSeedBytes) throw badInput(`the files are larger than ${maxSeedBytes} bytes in total (MAX_SEED_BYTES); at files[${i}] "${f.name}"`, `files[${i}].content`);
    }
    await consumeOrRefuse(limiter, caller.name, (s) => `too many seed requests for key "${caller.name}" (WRITE_RATE_LIMIT ${rateLimit.points} per ${rateLimit.durationSec}s); retry in ${s}s`);
    return { caller, files: files.map((f) => ({ name: f.name, content: f.content })) };
  }

  return {
    validateSeed: async (_: unknown, args: FilesArg, ctx: Ctx) => {
      const { files } = await admit(ctx, 'read', args);
      const r = await validateFiles(files, readOpts);
      return { ok: r.ok, files: r.files, errors: r.issues };
    },
    // The feed writes the plan inside a transaction that is always rolled back (seed/plan.ts), with
    // the write path's Neo4j user. A read key must never reach that user or take write locks, so only
    // a write key gets the feed; a read key's plan only reads (READ session, the read driver) and its
    // `feed` is null with `feedOmitted` saying why.
    planSeed: async (_: unknown, args: FilesArg & { feedFrom?: string | null; feedTo?: string | null }, ctx: Ctx) => {
      const { caller, files } = await admit(ctx, 'read', args);
      const mayWrite = hasScope(caller, 'write');
      try {
        const r = mayWrite
          ? await planFiles(writeDriver(), files, { ...readOpts, feed: { from: args.feedFrom ?? null, to: args.feedTo ?? null } })
          : await planFiles(readDriver, files, { ...readOpts, feed: false });
        const feedOmitted = mayWrite ? null : `the change feed of a plan needs a key with the write scope; "${caller.name}" has read only`;
        return { ok: true, errors: [], changeSetId: r.changeSetId, alreadyApplied: r.alreadyApplied, summary: toSummary(r.summary), feed: r.feed, feedOmitted };
      } catch (err) {
        if (err instanceof SeedValidationError) return invalid(err.issues);
        throw err;
      }
    },
    applySeed: async (_: unknown, args: FilesArg, ctx: Ctx) => {
      const { caller, files } = await admit(ctx, 'write', args);
      try {
        const r = await applyFiles(writeDriver(), files, { ...readOpts, by: caller.name });
        return { ok: true, errors: [], changeSetId: r.changeSetId, noop: r.noop, appliedBy: caller.name, dataVersion: r.dataVersion, summary: r.summary ? toSummary(r.summary) : null };
      } catch (err) {
        if (err instanceof SeedValidationError) return invalid(err.issues);
        throw err;
      }
    },
  };
}

/** The plan's feed changes carry both languages; the field picks one. */
export const seedPlanResolvers = {
  SeedPlanChange: {
    explanation: (c: PlanFeedChange, a: { language?: Language }) => (a.language === 'EN' ? c.explanationEn : c.explanationKo),
  },
};
