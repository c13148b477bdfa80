/**
 * The process's structured log: one pino logger (`log`), JSON lines on stdout. Every module logs
 * through it (`log.warn({ requestId, code }, 'message')`); the process's entry point calls
 * `configureLogging(config)` once, which sets the level (LOG_LEVEL) and, in development on a
 * terminal, pretty output.
 *
 * Why one shared instance rather than a logger passed down: the gateway, the five subgraphs and the
 * supervisor run in one process under `npm start`, and they must share one level and one
 * destination. Child loggers keep the level they were created with, so create them per use
 * (`log.child({...})` in a request), not at import time.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { AppEnv } from './config.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerOptions {
  level: LogLevel;
  /** Where the JSON lines go; default stdout. */
  destination?: DestinationStream;
  /** Fields on every line (e.g. `{ service: 'gateway' }`). */
  base?: Record<string, unknown>;
}

/**
 * A new logger: JSON lines, ISO time, the level as its name (`"level":"warn"`, what log shippers
 * index on), errors under `err` with type, message and stack.
 */
export function createLogger(opts: LoggerOptions): Logger {
  return pino(
    {
      level: opts.level,
      base: { pid: process.pid, hostname: os.hostname(), ...opts.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: pino.stdSerializers.err },
    },
    opts.destination ?? sink,
  );
}

/**
 * The destination of `log`: a forwarder, so that `configureLogging` (pretty output) and tests
 * (`captureLogs`) can redirect a logger that modules have already imported.
 */
const stdout: DestinationStream = pino.destination({ dest: 1, sync: true });
let target: DestinationStream = stdout;
const sink: DestinationStream = { write: (line: string) => target.write(line) };

/** The process-wide logger. Level `info` until `configureLogging` runs. */
export const log: Logger = createLogger({ level: 'info' });

/**
 * Applies the config to `log`: its level, and in development on a terminal pino-pretty. pino-pretty
 * is a devDependency, loaded only here and only when wanted, so a production install pruned of dev
 * dependencies never needs it (without it, the lines stay JSON).
 */
export function configureLogging(config: { logLevel: LogLevel; env: AppEnv }): void {
  log.level = config.logLevel;
  if (config.env === 'development' && process.stdout.isTTY && target === stdout) {
    const pretty = loadPretty();
    if (pretty) target = pretty({ sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  }
}

function loadPretty(): ((o: Record<string, unknown>) => DestinationStream) | null {
  try {
    return createRequire(import.meta.url)('pino-pretty') as (o: Record<string, unknown>) => DestinationStream;
  } catch {
    return null;
  }
}

/**
 * For tests: the parsed lines `log` writes at `level` until `restore()` (which puts the previous
 * destination and level back).
 */
export function captureLogs(level: LogLevel = 'info'): { lines: Record<string, unknown>[]; restore: () => void } {
  const lines: Record<string, unknown>[] = [];
  const previous = { target, level: log.level };
  target = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
  log.level = level;
  return {
    lines,
    restore: () => {
      target = previous.target;
      log.level = previous.level;
    },
  };
}
