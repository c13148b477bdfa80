/**
 * Graph reads shared between requests. Data changes only when the seed loader applies a change set,
 * which bumps the data version in the same transaction; so what a by-key loader read stays true
 * until the version moves. Each loader has a slot (key → value); all slots are emptied together
 * when the version moves. This is what turns a warm flagship request into zero Cypher queries.
 *
 * Values are shared by every later request, so they must never be mutated: outside production they
 * are deep-frozen on the way in, so a resolver that mutates one fails the tests loudly.
 */
import type { Executor } from '../../lib/neo4j.ts';
import { StringTable } from '../../lib/string-table.ts';
import type { DataVersionWatch } from './data-version.ts';

/**
 * Short strings of stored values (ids, names, dates, enum values, source URLs) are kept once per
 * version: the driver decodes each occurrence into a string of its own, and the same few recur in
 * thousands of cached entities (measured at ×100 after the four benchmark workloads: 7.4 MB of
 * duplicate short strings per process; one source URL 950 times). Long texts are left alone: they
 * rarely repeat in real data, and the table would keep them after their entity left the cache.
 */
const SHARED_STRING_MAX_LENGTH = 256;
/** The table starts over at this size (and with each version). */
const SHARED_STRINGS_MAX = 200_000;

export class SharedReads {
  private version: string | null = null;
  private readonly slots = new Map<string, Map<string, unknown>>();
  private strings = new StringTable(SHARED_STRINGS_MAX);

  constructor(
    private readonly exec: Executor,
    private readonly watch: DataVersionWatch,
    private readonly opts: { maxPerSlot: number; freeze: boolean },
  ) {}

  get enabled(): boolean {
    return this.opts.maxPerSlot > 0;
  }

  /** The slot of `name` under the current data version (and that version, to store under). */
  async open(name: string): Promise<{ version: string; slot: Map<string, unknown> }> {
    const { key } = await this.watch.current(this.exec);
    if (key !== this.version) {
      this.slots.clear();
      this.strings = new StringTable(SHARED_STRINGS_MAX);
      this.version = key;
    }
    let slot = this.slots.get(name);
    if (!slot) this.slots.set(name, (slot = new Map()));
    return { version: key, slot };
  }

  /** Stores a value read under `version` in slot `name`; dropped if the version moved while it was being read. */
  store(version: string, name: string, key: string, value: unknown): void {
    if (version !== this.version) return;
    let slot = this.slots.get(name);
    if (!slot) this.slots.set(name, (slot = new Map()));
    if (slot.size >= this.opts.maxPerSlot) slot.delete(slot.keys().next().value as string);
    shareStrings(value, this.strings);
    slot.set(key, this.opts.freeze ? deepFreeze(value) : value);
  }
}

/** Replaces the short strings in `value`'s own properties by the table's equal string. Frozen (already stored) parts are skipped. */
function shareStrings(value: unknown, strings: StringTable): void {
  if (!value || typeof value !== 'object' || Object.isFrozen(value)) return;
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    const v = o[k];
    // (Equal strings compare equal whatever their object: the assignment is what shares it.)
    if (typeof v === 'string') {
      if (v.length <= SHARED_STRING_MAX_LENGTH) o[k] = strings.share(v);
    } else if (v && typeof v === 'object') shareStrings(v, strings);
  }
}

/**
 * Lets a batch that read more than its own keys (a provision's regulation, a designation's
 * institution) share those too, under the version the batch read at.
 */
export type ShareRead = (slot: string, key: string, value: unknown) => void;

/** A loader's place in the shared cache. */
export interface SharedSlot {
  reads: SharedReads;
  name: string;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
