/**
 * `npm run seed -- <command>` (bin: `regkg-seed`): the regulators' CLI over the loader library.
 *
 *   validate <files...>            no database; all errors with file:line:column, field, expected, found
 *   plan <files...> [--json]       what applying would change in the current graph, with text diffs
 *   apply <files...> (--server <url> --api-key <key> | --by <name>)   one transaction; idempotent
 *   history <provision-id>         versions with dates and the amendment that produced each
 *   export [--out dir]             the graph as Dataset files
 *   make-key <name>                a new API key and its hashed config entry
 *
 * validate/plan/apply with --server go through the gateway's seed API (seed/remote.ts): the server
 * authorises. Without it they talk to Neo4j with the write credentials (operators only).
 *
 * Exit codes: 0 ok, 1 invalid input or conflict, 2 usage, 3 database or other failure.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import neo4j, { type Driver } from 'neo4j-driver';
import { makeKey } from '../lib/api-keys.ts';
import { isIsoDate } from '../lib/dates.ts';
import { loadConfig, type Config } from '../lib/config.ts';
import { seedFilesIn } from './base.ts';
import { HELP } from './cli-help.ts';
import { exportGraph } from './export.ts';
import { formatIssue, SeedValidationError, type SeedIssue } from './files.ts';
import { provisionHistory } from './inspect.ts';
import { applyFiles, validateFiles, type Progress } from './loader.ts';
import { planFiles } from './plan.ts';
import { RemoteError, remoteApply, remotePlan, remoteValidate, sourcesOf } from './remote.ts';
import { printFeed } from './plan-print.ts';
import { summaryLine, type PlanSummary } from './summary.ts';

type Env = Record<string, string | undefined>;

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Whether stderr is a terminal (progress bar). */
  tty: boolean;
}


class UsageError extends Error {}

function expandPaths(args: string[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    const files = seedFilesIn(a);
    if (files.length) out.push(...files);
    else out.push(a);
  }
  return out;
}

function printIssues(io: CliIo, issues: SeedIssue[]): void {
  for (const i of issues) io.err(formatIssue(i));
  io.err(`${issues.length} error(s)`);
}

function list(name: string, ids: string[], max = 20): string | null {
  if (!ids.length) return null;
  const shown = ids.slice(0, max).join(', ');
  return `    ${name} (${ids.length}): ${shown}${ids.length > max ? `, … ${ids.length - max} more` : ''}`;
}

function printSummary(io: CliIo, s: PlanSummary): void {
  io.out(`  ${summaryLine(s)}`);
  const sections: Array<[string, Array<[string, string[]]>]> = [
    ['provisions', [['new', s.provisions.new], ['changed', s.provisions.changed], ['repealed', s.provisions.repealed]]],
    ['obligations', [['new', s.obligations.new], ['changed', s.obligations.changed], ['retired', s.obligations.retired]]],
    ['designations', [['new', s.designations.new], ['changed', s.designations.changed]]],
    ['amendments', [['new', s.amendments.new]]],
  ];
  for (const [title, rows] of sections) {
    const lines = rows.map(([n, ids]) => list(n, ids)).filter((x): x is string => x !== null);
    if (lines.length) {
      io.out(`  ${title}:`);
      for (const l of lines) io.out(l);
    }
  }
  const other = Object.entries(s.entities).map(([label, c]) => `${label}: ${c!.new} new, ${c!.changed} changed, ${c!.deleted} deleted`);
  if (other.length) {
    io.out('  nodes:');
    for (const o of other) io.out(`    ${o}`);
  }
  for (const d of s.textDiffs) {
    io.out(`\n  text of ${d.provision}:`);
    io.out(d.patch.split('\n').filter((l) => !l.startsWith('Index:') && !l.startsWith('====')).map((l) => `    ${l}`).join('\n'));
  }
}

function progressBar(io: CliIo): { update: (p: Progress) => void; done: () => void } {
  const start = Date.now();
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100 && p.done !== p.total) return;
      last = now;
      shown = true;
      const width = 30;
      const frac = p.total ? p.done / p.total : 0;
      const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
      const secs = ((now - start) / 1000).toFixed(1);
      io.err(`\r\x1b[K${bar} ${String(Math.round(frac * 100)).padStart(3)}% ${p.done}/${p.total} rows  ${p.phase}  ${secs}s`);
    },
    done() {
      if (shown) io.err('\n');
    },
  };
}

/** Where validate/plan/apply go: the server's seed API (with its key), or the database directly. */
type Target = { server: string; apiKey: string } | null;

function targetOf(env: Env, values: { server?: string; 'api-key'?: string }, command: string): Target {
  const server = (values.server ?? env.REGKG_SERVER)?.trim();
  const apiKey = values['api-key'] ?? env.REGKG_API_KEY;
  if (!server) {
    // A key checked on the client proves nothing (anyone can set WRITE_API_KEYS for themselves).
    if (values['api-key']) throw new UsageError(`${command}: --api-key is checked by the server: give --server <url> (or REGKG_SERVER) too`);
    return null;
  }
  try {
    const u = new URL(server);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new UsageError(`${command}: --server must be an http(s) URL such as http://localhost:4000, got "${server}"`);
  }
  if (!apiKey) throw new UsageError(`${command}: --server needs an API key (--api-key <key> or REGKG_API_KEY)`);
  return { server, apiKey };
}

function feedLanguage(v: unknown): 'KO' | 'EN' {
  if (v === undefined) return 'EN';
  const l = String(v).toUpperCase();
  if (l !== 'KO' && l !== 'EN') throw new UsageError(`plan: --language must be en or ko, got "${String(v)}"`);
  return l;
}

function feedDate(v: unknown, name: string): string | null {
  if (v === undefined) return null;
  if (!isIsoDate(String(v))) throw new UsageError(`plan: --${name} must be a date YYYY-MM-DD, got "${String(v)}"`);
  return String(v);
}

/** Direct mode: the database user is the credential; the audit trail says so. */
function directAuthor(config: Config, values: { by?: string }): string {
  const by = values.by?.trim();
  if (!by) throw new UsageError('apply: give --server <url> --api-key <key>, or (operators, straight to the database) --by <name>');
  return `${by} (direct, neo4j user ${config.neo4jWrite.username})`;
}

function connect(config: Config, write = false): Driver {
  const auth = write ? config.neo4jWrite : config.neo4j;
  return neo4j.driver(config.neo4j.uri, neo4j.auth.basic(auth.username, auth.password), {
    logging: { level: 'error', logger: (_l, m) => console.error(`neo4j-driver: ${m}`) },
  });
}

/** Runs one CLI invocation; returns the exit code. */
export async function main(argv: string[], env: Env, io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(HELP.main!);
    return command ? 0 : 2;
  }
  if (!HELP[command] || command === 'main') {
    io.err(`unknown command "${command}"\n\n${HELP.main}`);
    return 2;
  }
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        json: { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        by: { type: 'string' },
        'api-key': { type: 'string' },
        server: { type: 'string' },
        out: { type: 'string' },
        language: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'no-feed': { type: 'boolean' },
      },
    }));
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${HELP[command]}`);
    return 2;
  }
  if (values.help) {
    io.out(HELP[command]!);
    return 0;
  }
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    io.err((err as Error).message);
    return 2;
  }
  const readOpts = { maxTextLength: config.limits.maxTextLength };
  const json = Boolean(values.json);
  let driver: Driver | null = null;
  try {
    switch (command) {
      case 'validate': {
        if (!positionals.length) throw new UsageError('validate: give at least one file');
        const target = targetOf(env, values, command);
        const paths = expandPaths(positionals);
        const r = target ? await remoteValidate(target.server, target.apiKey, sourcesOf(paths, readOpts.maxTextLength)) : await validateFiles(paths, readOpts);
        if (json) io.out(JSON.stringify(r, null, 2));
        else if (r.ok) io.out(`ok: ${r.files} file(s) valid`);
        else printIssues(io, r.issues);
        return r.ok ? 0 : 1;
      }
      case 'plan': {
        if (!positionals.length) throw new UsageError('plan: give at least one file');
        const target = targetOf(env, values, command);
        const paths = expandPaths(positionals);
        const language = feedLanguage(values.language);
        const window = { from: feedDate(values.from, 'from'), to: feedDate(values.to, 'to') };
        if (values['no-feed'] && target) throw new UsageError('plan: --no-feed is for direct mode; the server always computes the feed');
        const r = target
          ? await remotePlan(target.server, target.apiKey, sourcesOf(paths, readOpts.maxTextLength), window)
          : await planFiles((driver = connect(config, true)), paths, { ...readOpts, database: config.neo4j.database, feed: values['no-feed'] ? false : window });
        if (json) io.out(JSON.stringify(r, null, 2));
        else {
          io.out(`plan for changeset ${r.changeSetId.slice(0, 12)}…`);
          if (r.alreadyApplied) io.out(`  already applied on ${r.alreadyApplied.appliedAt} by ${r.alreadyApplied.appliedBy}: apply would change nothing`);
          else printSummary(io, r.summary);
          if (r.feed) printFeed(io, r.feed, language);
          else if (r.feedOmitted) io.out(`\n  no change feed: ${r.feedOmitted}`);
        }
        return 0;
      }
      case 'apply': {
        if (!positionals.length) throw new UsageError('apply: give at least one file');
        const target = targetOf(env, values, command);
        const paths = expandPaths(positionals);
        const started = Date.now();
        const report = (r: { noop: boolean; changeSetId: string; dataVersion: number; summary: PlanSummary | null }, by: string) => {
          if (json) io.out(JSON.stringify({ ...r, appliedBy: by }, null, 2));
          else if (r.noop) io.out(`no-op: changeset ${r.changeSetId.slice(0, 12)}… was already applied`);
          else {
            io.out(`applied changeset ${r.changeSetId.slice(0, 12)}… by ${by} in ${((Date.now() - started) / 1000).toFixed(1)}s; data version ${r.dataVersion}`);
            if (r.summary) printSummary(io, { ...r.summary, textDiffs: [] });
          }
        };
        if (target) {
          if (values.by) throw new UsageError('apply: with --server the audit name is the API key\'s name on the server; drop --by');
          const r = await remoteApply(target.server, target.apiKey, sourcesOf(paths, readOpts.maxTextLength));
          report(r, r.appliedBy);
          return 0;
        }
        const by = directAuthor(config, values as { by?: string });
        driver = connect(config, true);
        const bar = io.tty && !values.quiet && !json ? progressBar(io) : null;
        try {
          const r = await applyFiles(driver, paths, { ...readOpts, database: config.neo4j.database, by, progress: bar?.update });
          bar?.done();
          report(r, by);
          return 0;
        } catch (err) {
          bar?.done();
          throw err;
        }
      }
      case 'make-key': {
        const name = positionals[0];
        if (!name || positionals.length > 1) throw new UsageError('make-key: give one key name');
        let made: { key: string; entry: string };
        try {
          made = makeKey(name);
        } catch (err) {
          throw new UsageError(`make-key: ${(err as Error).message}`);
        }
        if (json) io.out(JSON.stringify(made, null, 2));
        else {
          io.out(`key (give it to "${name}"; it is not stored anywhere): ${made.key}`);
          io.out(`config entry (add to WRITE_API_KEYS or READ_API_KEYS): ${made.entry}`);
        }
        return 0;
      }
      case 'history': {
        const id = positionals[0];
        if (!id || positionals.length > 1) throw new UsageError('history: give one provision id');
        driver = connect(config);
        const h = await provisionHistory(driver, id, { database: config.neo4j.database });
        if (!h) {
          io.err(`no provision "${id}"`);
          return 1;
        }
        if (json) io.out(JSON.stringify(h, null, 2));
        else {
          io.out(`${h.id}  ${h.citationKo ?? ''}${h.titleKo ? ` (${h.titleKo})` : ''}`);
          for (const v of h.versions) {
            const amd = v.amendment
              ? `by ${v.amendment.id}${v.amendment.lawNumber ? ` (No. ${v.amendment.lawNumber}, promulgated ${v.amendment.promulgatedOn ?? '?'})` : ''}${v.amendment.appliedBy ? `, applied by ${v.amendment.appliedBy} on ${v.amendment.appliedAt}` : ''}`
              : 'base text';
            io.out(`  ${v.validFrom} … ${v.validTo ?? 'open'}  ${amd}`);
            io.out(`    ${v.textKo.replace(/\s+/g, ' ').trim().slice(0, 160)}${v.textKo.length > 160 ? '…' : ''}`);
          }
        }
        return 0;
      }
      case 'export': {
        if (positionals.length) throw new UsageError('export: no positional arguments (use --out <dir>)');
        driver = connect(config);
        const out = path.resolve(String(values.out ?? 'export'));
        const r = await exportGraph(driver, out, { database: config.neo4j.database });
        if (json) io.out(JSON.stringify(r, null, 2));
        else io.out(`exported ${Object.values(r.counts).reduce((a, b) => a + (b ?? 0), 0)} nodes to ${r.files.length} files in ${out}`);
        return 0;
      }
    }
    return 2;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n\n${HELP[command]}`);
      return 2;
    }
    if (err instanceof SeedValidationError) {
      printIssues(io, err.issues);
      io.err('nothing was written');
      return 1;
    }
    if (err instanceof RemoteError) {
      io.err(`error: ${err.message}`);
      // Refused credentials are the caller's problem (1); an unreachable or failing server is 3.
      return err.code === 'UNAUTHENTICATED' || err.code === 'FORBIDDEN' || err.code === 'BAD_USER_INPUT' || err.code === 'RATE_LIMITED' ? 1 : 3;
    }
    io.err(`error: ${(err as Error).message}`);
    // A window the feed cannot answer (the engine's BAD_USER_INPUT) is the caller's to fix, like invalid input.
    return (err as { extensions?: { code?: string } }).extensions?.code === 'BAD_USER_INPUT' ? 1 : 3;
  } finally {
    await driver?.close();
  }
}

/** Entry point for `npm run seed` and the `regkg-seed` bin. */
export async function runCli(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2), process.env, {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(s.startsWith('\r') || s === '\n' ? s : `${s}\n`),
    tty: Boolean(process.stderr.isTTY),
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runCli();
