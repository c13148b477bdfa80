/**
 * `npm run seed -- <command>` (bin: `regkg-seed`): the regulators' CLI over the loader library.
 *
 *   validate <files...>            no database; all errors with file:line:column, field, expected, found
 *   plan <files...> [--json]       what applying would change in the current graph, with text diffs
 *   apply <files...> --by <name> | --api-key <key>   one transaction per file set; idempotent
 *   history <provision-id>         versions with dates and the amendment that produced each
 *   export [--out dir]             the graph as Dataset files
 *
 * Exit codes: 0 ok, 1 invalid input or conflict, 2 usage, 3 database or other failure.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import neo4j, { type Driver } from 'neo4j-driver';
import { loadConfig, type Config } from '../lib/config.ts';
import { seedFilesIn } from './base.ts';
import { exportGraph } from './export.ts';
import { formatIssue, SeedValidationError, type SeedIssue } from './files.ts';
import { provisionHistory } from './inspect.ts';
import { applyFiles, planFiles, validateFiles, type Progress } from './loader.ts';
import { summaryLine, type PlanSummary } from './summary.ts';

type Env = Record<string, string | undefined>;

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Whether stderr is a terminal (progress bar). */
  tty: boolean;
}

const HELP: Record<string, string> = {
  main: `regkg-seed — load and inspect the regulatory knowledge graph

Usage: npm run seed -- <command> [options]

Commands:
  validate <files...>     check seed files (no database)
  plan <files...>         show what applying would change
  apply <files...>        apply a file set in one transaction
  history <provision-id>  versions of a provision and the amendments that produced them
  export [--out dir]      write the graph out as Dataset files

Run "npm run seed -- <command> --help" for a command's options. A directory argument means
every *.yaml, *.yml and *.json file under it, sorted.`,
  validate: `Usage: npm run seed -- validate <files or dirs...> [--json]

Checks encoding (UTF-8; a UTF-8 BOM is ignored; UTF-16, invalid bytes and NUL bytes are errors),
YAML/JSON syntax, the JSON Schema (seed/schema/), text length (MAX_TEXT_LENGTH), duplicate ids,
references within the file set, overlapping version intervals and amendment conflicts among the
set's own entities. Reports ALL errors; exits 1 if there is any. No database is used.

  --json   print {ok, files, issues[]} as JSON`,
  plan: `Usage: npm run seed -- plan <files or dirs...> [--json]

Compares the file set with the current graph (read-only) and lists new / changed / repealed
provisions, obligations, designations and other entities, with a diff of changed provision text.
Also checks references and conflicts against the graph.

  --json   machine-readable output`,
  apply: `Usage: npm run seed -- apply <files or dirs...> (--by <name> | --api-key <key>) [--quiet]

Applies the file set in ONE transaction: everything or nothing. Re-applying the same content is
a no-op (the content hash is recorded as a ChangeSet). Concurrent applies are serialised.

Credentials: writes need a name on the audit trail.
  --api-key <key>  (or REGKG_API_KEY) must be one of WRITE_API_KEYS; the key's name is recorded
  --by <name>      who applies; enough on its own outside production (APP_ENV=production
                   requires an API key; --by is then recorded alongside the key's name)
  --quiet          no progress bar (also off when stderr is not a terminal)
  --json           print the result as JSON`,
  history: `Usage: npm run seed -- history <provision-id> [--json]

Lists the versions of a provision (validFrom … validTo), each with the amendment that produced
it and who applied it.`,
  export: `Usage: npm run seed -- export [--out <dir>]

Writes the current graph as Dataset files (regulations, vocabulary, institutions, obligations)
into <dir> (default: ./export). export → apply on an empty graph → export gives identical files.`,
};

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

function authorise(config: Config, env: Env, values: { by?: string; 'api-key'?: string }): string {
  const key = values['api-key'] ?? env.REGKG_API_KEY;
  const by = values.by?.trim();
  if (key) {
    const name = config.apiKeys.get(key);
    if (!name) throw new UsageError('apply: the API key is not one of WRITE_API_KEYS');
    return by ? `${by} (api key: ${name})` : `${name} (api key)`;
  }
  if (config.env === 'production') throw new UsageError('apply: in production an API key is required (--api-key or REGKG_API_KEY)');
  if (!by) throw new UsageError('apply: writes need a credential: --by <name> or --api-key <key> (see --help)');
  return by;
}

function connect(config: Config): Driver {
  return neo4j.driver(config.neo4j.uri, neo4j.auth.basic(config.neo4j.username, config.neo4j.password), {
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
        out: { type: 'string' },
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
        const r = await validateFiles(expandPaths(positionals), readOpts);
        if (json) io.out(JSON.stringify(r, null, 2));
        else if (r.ok) io.out(`ok: ${r.files} file(s) valid`);
        else printIssues(io, r.issues);
        return r.ok ? 0 : 1;
      }
      case 'plan': {
        if (!positionals.length) throw new UsageError('plan: give at least one file');
        driver = connect(config);
        const r = await planFiles(driver, expandPaths(positionals), { ...readOpts, database: config.neo4j.database });
        if (json) io.out(JSON.stringify(r, null, 2));
        else {
          io.out(`plan for changeset ${r.changeSetId.slice(0, 12)}…`);
          if (r.alreadyApplied) io.out(`  already applied on ${r.alreadyApplied.appliedAt} by ${r.alreadyApplied.appliedBy}: apply would change nothing`);
          else printSummary(io, r.summary);
        }
        return 0;
      }
      case 'apply': {
        if (!positionals.length) throw new UsageError('apply: give at least one file');
        const by = authorise(config, env, values as { by?: string; 'api-key'?: string });
        driver = connect(config);
        const bar = io.tty && !values.quiet && !json ? progressBar(io) : null;
        const started = Date.now();
        try {
          const r = await applyFiles(driver, expandPaths(positionals), { ...readOpts, database: config.neo4j.database, by, progress: bar?.update });
          bar?.done();
          if (json) io.out(JSON.stringify(r, null, 2));
          else if (r.noop) io.out(`no-op: changeset ${r.changeSetId.slice(0, 12)}… was already applied`);
          else {
            io.out(`applied changeset ${r.changeSetId.slice(0, 12)}… by ${by} in ${((Date.now() - started) / 1000).toFixed(1)}s; data version ${r.dataVersion}`);
            if (r.summary) printSummary(io, { ...r.summary, textDiffs: [] });
          }
          return 0;
        } catch (err) {
          bar?.done();
          throw err;
        }
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
    io.err(`error: ${(err as Error).message}`);
    return 3;
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
