/**
 * One string object per distinct string. The Neo4j driver decodes every occurrence of a string into
 * a string of its own; values held for long (indexes, caches, the matcher's documents) keep one copy
 * of each instead (measured at ×100: 452,000 strings in the engine's indexes, 34,000 distinct).
 */
export class StringTable {
  private strings = new Map<string, string>();

  /** `max`: the table starts over when it holds this many strings (the strings already shared stay shared). */
  constructor(private readonly max = Infinity) {}

  /** The table's string equal to `s` (`s` itself the first time). */
  share(s: string): string {
    const seen = this.strings.get(s);
    if (seen !== undefined) return seen;
    if (this.strings.size >= this.max) this.strings = new Map();
    this.strings.set(s, s);
    return s;
  }
}
