/**
 * The seed CLI's `--server` mode: validate / plan / apply through the gateway's seed mutations with
 * an API key, so a regulator never holds the database password. Answers are turned back into the
 * loader's result types, so the CLI prints them exactly as in direct mode.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readSeedFile, SeedValidationError, invalidUtf8Offsets, type SeedIssue, type SeedSource } from './files.ts';
import type { ApplyResult, ValidationResult } from './loader.ts';
import type { PlanFeed, PlanFeedOptions } from './plan-feed.ts';
import type { PlanResult } from './plan.ts';
import type { PlanSummary } from './summary.ts';

/** A GraphQL error from the server (its `extensions.code`), or a transport failure (code null). */
export class RemoteError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

const ISSUE = 'errors { file line column path message expected found }';
const SUMMARY = `summary { changed line provisions { new changed removed } obligations { new changed removed } designations { new changed removed }
  amendments { new } entities { label new changed deleted } relationshipsAdded relationshipsRemoved textDiffs { provision from to patch } }`;
const FEED = `feed { from to subjects note changes { effect on kind before after obligationId serviceTypeId deploymentId institutionId institutionTypes
  causes { kind amendmentId designationId provisionId regulationId } explanationKo: explanation(language: KO) explanationEn: explanation(language: EN) } }`;
const OPS = {
  validate: `mutation Validate($files: [SeedFileInput!]!) { validateSeed(files: $files) { ok files ${ISSUE} } }`,
  plan: `mutation Plan($files: [SeedFileInput!]!, $feedFrom: Date, $feedTo: Date) { planSeed(files: $files, feedFrom: $feedFrom, feedTo: $feedTo) { ok ${ISSUE} changeSetId alreadyApplied { appliedAt appliedBy } ${SUMMARY} ${FEED} feedOmitted } }`,
  apply: `mutation Apply($files: [SeedFileInput!]!) { applySeed(files: $files) { ok ${ISSUE} changeSetId noop appliedBy dataVersion ${SUMMARY} } }`,
};

type Ids = { new: string[]; changed: string[]; removed: string[] };
interface ApiSummary {
  changed: boolean;
  provisions: Ids;
  obligations: Ids;
  designations: Ids;
  amendments: { new: string[] };
  entities: Array<{ label: string; new: number; changed: number; deleted: number }>;
  relationshipsAdded: number;
  relationshipsRemoved: number;
  textDiffs: PlanSummary['textDiffs'];
}

function fromApi(s: ApiSummary): PlanSummary {
  return {
    changed: s.changed,
    provisions: { new: s.provisions.new, changed: s.provisions.changed, repealed: s.provisions.removed },
    obligations: { new: s.obligations.new, changed: s.obligations.changed, retired: s.obligations.removed },
    designations: { new: s.designations.new, changed: s.designations.changed },
    amendments: { new: s.amendments.new },
    entities: Object.fromEntries(s.entities.map(({ label, ...c }) => [label, c])),
    relationships: { added: s.relationshipsAdded, removed: s.relationshipsRemoved },
    textDiffs: s.textDiffs,
  };
}

/**
 * The files as the API takes them: named as the CLI names them in messages. Bytes a string cannot
 * carry (UTF-16, invalid UTF-8) are reported here with the same checks as direct mode.
 */
export function sourcesOf(paths: string[], maxTextLength: number): SeedSource[] {
  const out: SeedSource[] = [];
  const issues: SeedIssue[] = [];
  for (const p of paths) {
    const abs = path.resolve(p);
    const rel = path.relative(process.cwd(), abs);
    const name = rel && !rel.startsWith('..') ? rel : abs;
    let buf: Buffer | null = null;
    try {
      buf = fs.readFileSync(abs);
    } catch {
      /* reported by readSeedFile below */
    }
    const utf16 = buf && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff));
    if (!buf || utf16 || invalidUtf8Offsets(buf, 1).length) issues.push(...readSeedFile(abs, { maxTextLength }).issues);
    else out.push({ name, content: buf.toString('utf8') });
  }
  if (issues.length) throw new SeedValidationError(issues);
  return out;
}

/** The gateway's GraphQL endpoint for a server URL given with or without `/graphql`. */
export function graphqlUrl(server: string): string {
  const u = new URL(server);
  if (!u.pathname.endsWith('/graphql')) u.pathname = `${u.pathname.replace(/\/$/, '')}/graphql`;
  return u.href;
}

async function call<T>(server: string, apiKey: string, op: keyof typeof OPS, files: SeedSource[], extra: Record<string, unknown> = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(graphqlUrl(server), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify({ query: OPS[op], variables: { files, ...extra } }),
      signal: AbortSignal.timeout(600_000),
    });
  } catch (err) {
    throw new RemoteError(`cannot reach ${server}: ${(err as Error).message}`, null);
  }
  const text = await res.text();
  let body: { data?: Record<string, T> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new RemoteError(`${server} answered HTTP ${res.status} with a body that is not JSON`, null);
  }
  const e = body.errors?.[0];
  if (e) throw new RemoteError(`server: ${e.message}${e.extensions?.code ? ` (${e.extensions.code})` : ''}`, e.extensions?.code ?? null);
  const data = body.data ? Object.values(body.data)[0] : undefined;
  if (!data) throw new RemoteError(`${server} answered HTTP ${res.status} without data`, null);
  return data;
}

type WithErrors = { ok: boolean; errors: SeedIssue[] };

export async function remoteValidate(server: string, apiKey: string, files: SeedSource[]): Promise<ValidationResult> {
  const r = await call<WithErrors & { files: number }>(server, apiKey, 'validate', files);
  return { ok: r.ok, issues: r.errors, files: r.files };
}

export async function remotePlan(server: string, apiKey: string, files: SeedSource[], feed: PlanFeedOptions = {}): Promise<PlanResult> {
  const r = await call<WithErrors & { changeSetId: string; alreadyApplied: PlanResult['alreadyApplied']; summary: ApiSummary; feed: PlanFeed | null; feedOmitted: string | null }>(server, apiKey, 'plan', files, {
    feedFrom: feed.from ?? null,
    feedTo: feed.to ?? null,
  });
  if (!r.ok) throw new SeedValidationError(r.errors);
  return { changeSetId: r.changeSetId, alreadyApplied: r.alreadyApplied, summary: fromApi(r.summary), feed: r.feed, feedOmitted: r.feedOmitted };
}

export async function remoteApply(server: string, apiKey: string, files: SeedSource[]): Promise<ApplyResult & { appliedBy: string }> {
  const r = await call<WithErrors & { changeSetId: string; noop: boolean; appliedBy: string; dataVersion: number; summary: ApiSummary | null }>(server, apiKey, 'apply', files);
  if (!r.ok) throw new SeedValidationError(r.errors);
  return { changeSetId: r.changeSetId, noop: r.noop, appliedBy: r.appliedBy, dataVersion: r.dataVersion, summary: r.summary ? fromApi(r.summary) : null, rowsWritten: 0 };
}
