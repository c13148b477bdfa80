/**
 * The obligation index's storage: every obligation's triggers, addressees, versions and provisions
 * as integers into one string table, with no long text held.
 *
 * Why hand-written rather than objects: at ×1000 (91,000 obligations) the index as driver rows
 * (one object per candidate, version, provision and provision version, with the version texts) was
 * 265 MB per worker; most of it was object headers and the statement texts. Here a version is four
 * Int32 entries (id, from, to, amendment: string-table indexes), a provision ten; addressee roles and
 * trigger refs are shared objects (a few hundred distinct), and the statements are left to the
 * obligation versions loader (shared reads, by id) when a resolver asks for them. No library offers
 * this shape (a columnar store of a fixed record with nested ranges) without a dependency larger
 * than the code.
 *
 * Candidates are materialised on demand in the shape the engine reads (Candidate, with `textless`
 * set: the versions carry no statement), and the most recently used are kept so that cached rows of
 * many questions share one object per obligation.
 */
import type { AddresseeRole } from './addressees.ts';
import type { Candidate } from './engine-types.ts';
import { obligationName } from './reasons.ts';

type Obligation = Candidate['obligation'];
type Provision = Candidate['provisions'][number];
type Version = Candidate['versions'][number];
type Trigger = Candidate['triggers'][number];

/** Obligation properties stored in columns; any other property is kept as it came (rare). */
const OBLIGATION_LISTS = ['triggerRiskLevels', 'triggerStatutoryClasses', 'triggerInstitutionTypes'] as const;
const OBLIGATION_KNOWN = new Set<string>(['id', 'kind', 'sandboxOnly', 'addressees', ...OBLIGATION_LISTS]);
/** Fields of a provision row, in column order (all strings or null, except binding and versions). */
const PROVISION_STRINGS = ['id', 'citationKo', 'citationEn', 'regulationId', 'regulationNameKo', 'regulationNameEn', 'jurisdiction', 'sourceUrl', 'sourceKind', 'applicableFrom'] as const;
const PW = PROVISION_STRINGS.length + 2; // + binding, first provision-version index
const NONE = -1;
/** Materialised candidates kept (each ~1–2 KB): more than a few thousand questions' worth of distinct obligations. */
const MATERIALISED_MAX = 8192;

/**
 * A copy of `s` that holds no reference to a longer string: V8 makes a slice of a long string a
 * view on it, so the short path name would keep the whole statement alive.
 */
function detached(s: string): string {
  return Buffer.from(s, 'utf16le').toString('utf16le');
}

/** A growable column of 32-bit integers (a plain array while building, an Int32Array once built). */
class Column {
  private building: number[] | null = [];
  private data = new Int32Array(0);
  push(...xs: number[]): void {
    for (const x of xs) this.building!.push(x);
  }
  get length(): number {
    return this.building ? this.building.length : this.data.length;
  }
  at(i: number): number {
    return this.building ? this.building[i]! : this.data[i]!;
  }
  seal(): void {
    if (this.building) this.data = Int32Array.from(this.building);
    this.building = null;
  }
}

export class CompactObligations {
  private readonly strings: string[] = [];
  private stringIds: Map<string, number> | null = new Map();
  private readonly shared = new Map<string, unknown>();
  /** Per obligation: id, kind, sandboxOnly (0/1/2 = null), 3 list refs, path names ko/en, then ranges start: triggers, addressees, versions, provisions. */
  private readonly obl = new Column();
  private readonly lists: string[][] = [];
  private readonly refs = new Column(); // trigger / addressee / provision refs, by range
  private readonly triggerTable: Trigger[] = [];
  private readonly addresseeTable: AddresseeRole[] = [];
  private readonly versions = new Column(); // id, from, to, amendment
  private readonly provisions = new Column(); // PW per provision row
  private readonly provisionVersions = new Column(); // from, to
  private readonly extra = new Map<number, Record<string, unknown>>();
  private readonly materialised = new Map<number, Candidate>();
  count = 0;

  private str(s: unknown): number {
    if (s === null || s === undefined) return NONE;
    const v = String(s);
    let i = this.stringIds!.get(v);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(v);
      this.stringIds!.set(v, i);
    }
    return i;
  }
  private text(i: number): string | null {
    return i === NONE ? null : this.strings[i]!;
  }
  /** One object per distinct value (by its JSON), for the few hundred roles, triggers and lists. */
  private one<T>(kind: string, value: T, table: T[]): number {
    const key = kind + JSON.stringify(value);
    let i = this.shared.get(key) as number | undefined;
    if (i === undefined) {
      i = table.length;
      table.push(value);
      this.shared.set(key, i);
    }
    return i;
  }

  /** Adds one row of the candidates query; returns the obligation's index. */
  add(c: Candidate): number {
    const n = this.count++;
    const o = c.obligation;
    const list = (xs: unknown) => (Array.isArray(xs) ? this.one('l', xs.map(String), this.lists) : xs === null ? NONE : -2);
    const name = obligationName(c);
    this.obl.push(this.str(o.id), this.str(o.kind), o.sandboxOnly === null || o.sandboxOnly === undefined ? 2 : o.sandboxOnly ? 1 : 0, ...OBLIGATION_LISTS.map((k) => list(o[k])));
    this.obl.push(this.str(detached(name.ko)), this.str(detached(name.en)));
    const rest = Object.fromEntries(Object.entries(o).filter(([k]) => !OBLIGATION_KNOWN.has(k)));
    if (Object.keys(rest).length) this.extra.set(n, rest);
    this.obl.push(this.refs.length);
    for (const t of c.triggers) this.refs.push(this.one('t', { id: t.id, label: t.label }, this.triggerTable));
    this.obl.push(this.refs.length);
    for (const a of c.addressees ?? []) this.refs.push(this.one('a', a, this.addresseeTable));
    this.obl.push(this.versions.length / 4);
    for (const v of c.versions) this.versions.push(this.str(v.id), this.str(v.validFrom), this.str(v.validTo), this.str(v.amendmentId));
    this.obl.push(this.provisions.length / PW);
    for (const p of c.provisions) {
      this.provisions.push(...PROVISION_STRINGS.map((k) => this.str(p[k])), p.binding === null || p.binding === undefined ? 2 : p.binding ? 1 : 0, this.provisionVersions.length / 2);
      for (const pv of p.versions) this.provisionVersions.push(this.str(pv.validFrom), this.str(pv.validTo));
    }
    return n;
  }

  /** Ends the building: columns become typed arrays, the string lookup is dropped. */
  seal(): void {
    for (const c of [this.obl, this.refs, this.versions, this.provisions, this.provisionVersions]) c.seal();
    this.stringIds = null;
    this.shared.clear();
  }

  /** Columns per obligation in `obl`. */
  private static readonly OW = 12;
  private field(n: number, k: number): number {
    return this.obl.at(n * CompactObligations.OW + k);
  }
  /**
   * Obligation n's range of kind k (0 triggers and 1 addressees in `refs`, 2 versions, 3 provision
   * rows): from its own start to the next range's start.
   */
  private span(n: number, k: number): [number, number] {
    const start = this.field(n, 8 + k);
    if (k === 0) return [start, this.field(n, 9)];
    if (n + 1 < this.count) return [start, this.field(n + 1, k === 1 ? 8 : 8 + k)];
    return [start, k === 1 ? this.refs.length : k === 2 ? this.versions.length / 4 : this.provisions.length / PW];
  }

  id(n: number): string {
    return this.strings[this.field(n, 0)]!;
  }

  /** The ids of what triggers obligation n (TRIGGERED_BY). */
  triggerIds(n: number): string[] {
    const [a, b] = this.span(n, 0);
    const out: string[] = [];
    for (let i = a; i < b; i++) {
      const id = this.triggerTable[this.refs.at(i)]!.id;
      if (id !== null) out.push(id);
    }
    return out;
  }

  /** Obligation n as the engine reads it (built at most once while it stays among the recently used). */
  candidate(n: number): Candidate {
    const hit = this.materialised.get(n);
    if (hit) {
      this.materialised.delete(n);
      this.materialised.set(n, hit);
      return hit;
    }
    const c = this.build(n);
    this.materialised.set(n, c);
    if (this.materialised.size > MATERIALISED_MAX) this.materialised.delete(this.materialised.keys().next().value as number);
    return c;
  }

  private build(n: number): Candidate {
    const each = <T>(k: number, f: (i: number) => T): T[] => {
      const [a, b] = this.span(n, k);
      const out: T[] = [];
      for (let i = a; i < b; i++) out.push(f(i));
      return out;
    };
    const triggers = each(0, (i) => this.triggerTable[this.refs.at(i)]!);
    const addressees = each(1, (i) => this.addresseeTable[this.refs.at(i)]!);
    const versions = each(2, (i): Version => {
      const at = (k: number) => this.text(this.versions.at(i * 4 + k));
      return { id: at(0)!, validFrom: at(1)!, validTo: at(2), amendmentId: at(3), statementKo: null, statementEn: null };
    });
    const provisions = each(3, (i) => this.provision(i));
    const sandbox = this.field(n, 2);
    const obligation = { ...(this.extra.get(n) ?? {}), id: this.id(n), kind: this.strings[this.field(n, 1)]!, sandboxOnly: sandbox === 2 ? null : sandbox === 1 } as Obligation;
    OBLIGATION_LISTS.forEach((k, j) => {
      const ref = this.field(n, 3 + j);
      // -2: the property was absent (as `o {.*}` leaves it out); -1: null.
      if (ref !== -2) obligation[k] = ref === NONE ? null : this.lists[ref]!;
    });
    obligation.addressees = addressees;
    const pathName = { ko: this.strings[this.field(n, 6)]!, en: this.strings[this.field(n, 7)]! };
    return { pathName, obligation, triggerIds: triggers.filter((t) => t.id !== null).map((t) => t.id!), triggers, addressees, versions, provisions, textless: true };
  }

  private provision(i: number): Provision {
    const at = (k: number) => this.provisions.at(i * PW + k);
    const row = Object.fromEntries(PROVISION_STRINGS.map((k, j) => [k, this.text(at(j))])) as Record<(typeof PROVISION_STRINGS)[number], string | null>;
    const binding = at(PROVISION_STRINGS.length);
    const pvEnd = (i + 1) * PW < this.provisions.length ? this.provisions.at((i + 1) * PW + PW - 1) : this.provisionVersions.length / 2;
    const versions: Provision['versions'] = [];
    for (let j = at(PW - 1); j < pvEnd; j++) versions.push({ validFrom: this.text(this.provisionVersions.at(j * 2)), validTo: this.text(this.provisionVersions.at(j * 2 + 1)) });
    return { ...(row as unknown as Provision), binding: binding === 2 ? (null as unknown as boolean) : binding === 1, versions };
  }
}
