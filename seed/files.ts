/**
 * Reading seed files: encoding checks, YAML/JSON parsing, JSON Schema validation (schema/*.json)
 * and the text size limit. Every problem becomes a {@link SeedIssue} naming the file, line,
 * column and field path; all problems of a run are collected, never just the first.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { SeedDoc } from './model.ts';

/** Default cap on any string in a seed file; `MAX_TEXT_LENGTH` (loadConfig) overrides it in the CLI. */
export const DEFAULT_MAX_TEXT_LENGTH = 20_000;

export type PathSeg = string | number;

export interface SeedIssue {
  file: string;
  line: number;
  column: number;
  /** Field path, e.g. `regulations[0].provisions[3].versions[0].validFrom`. */
  path: string;
  expected: string;
  found: string;
  message: string;
}

export function formatIssue(i: SeedIssue): string {
  const where = `${i.file}:${i.line}:${i.column}`;
  const field = i.path ? ` ${i.path}:` : '';
  return `${where}:${field} ${i.message} (expected ${i.expected}; found ${i.found})`;
}

/** Thrown by plan/apply when the file set is invalid or conflicts with the graph. Nothing was written. */
export class SeedValidationError extends Error {
  override name = 'SeedValidationError';
  constructor(readonly issues: SeedIssue[]) {
    super(`${issues.length} problem(s) in the seed files:\n${issues.map(formatIssue).join('\n')}`);
  }
}

export function pathString(segs: readonly PathSeg[]): string {
  let out = '';
  for (const s of segs) out += typeof s === 'number' ? `[${s}]` : out ? `.${s}` : s;
  return out;
}

/** One parsed seed file. `locate` maps a field path to a line and column in the file. */
export interface SeedFile {
  path: string;
  /** Path as shown in messages (relative to the working directory when possible). */
  display: string;
  sha256: string;
  doc: SeedDoc | null;
  locate(segs: readonly PathSeg[]): { line: number; column: number };
}

function relDisplay(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') ? rel : p;
}

function lineColAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/** Offsets of bytes that are not part of a well-formed UTF-8 sequence (at most `max`). */
export function invalidUtf8Offsets(buf: Uint8Array, max = 10): number[] {
  const bad: number[] = [];
  let i = 0;
  while (i < buf.length && bad.length < max) {
    const b = buf[i]!;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      bad.push(i);
      i++;
      continue;
    }
    let cp = b & (0x3f >> need);
    let ok = true;
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (c & 0x3f);
    }
    if (!ok || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      bad.push(i);
      i++;
    } else i += need + 1;
  }
  return bad;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `a list (${v.length} item${v.length === 1 ? '' : 's'})`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') {
    const s = v.length > 60 ? `${v.slice(0, 57)}...` : v;
    return `the string ${JSON.stringify(s)}`;
  }
  return `${typeof v} ${String(v)}`;
}

function getAt(root: unknown, segs: readonly PathSeg[]): unknown {
  let v: unknown = root;
  for (const s of segs) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[s as string];
  }
  return v;
}

/** Finds the YAML node at `segs` (or the deepest existing ancestor); `keyOf` locates a map key instead. */
function yamlOffset(doc: Document, segs: readonly PathSeg[], keyOf?: string): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as YamlNode | null)?.range?.[0] ?? 0;
  const all: PathSeg[] = keyOf === undefined ? [...segs] : [...segs, keyOf];
  for (let d = 0; d < all.length; d++) {
    const seg = all[d]!;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const keyNode = pair.key as YamlNode;
      if (keyOf !== undefined && d === all.length - 1) return keyNode.range?.[0] ?? offset;
      offset = keyNode.range?.[0] ?? offset;
      const val = pair.value as YamlNode | null;
      if (val && val.range) offset = val.range[0];
      node = val;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)] as YamlNode | undefined;
      if (!item) break;
      if (item.range) offset = item.range[0];
      node = item;
    } else break;
  }
  return offset;
}

let validators: { Dataset: ValidateFunction; Amendment: ValidateFunction } | null = null;

function schemaValidators(): { Dataset: ValidateFunction; Amendment: ValidateFunction } {
  if (validators) return validators;
  const read = (name: string): object => JSON.parse(fs.readFileSync(new URL(`./schema/${name}`, import.meta.url), 'utf8')) as object;
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv2020) => void;
  addFormats(ajv);
  ajv.addSchema(read('common.schema.json'), 'common.schema.json');
  validators = {
    Dataset: ajv.compile(read('dataset.schema.json')),
    Amendment: ajv.compile(read('amendment.schema.json')),
  };
  return validators;
}

function segsOf(instancePath: string): PathSeg[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

interface RawIssue {
  segs: PathSeg[];
  /** An unknown field: located at its key. */
  key?: string;
  /** A missing field: reported under the parent's position. */
  field?: string;
  expected: string;
  found: string;
  message: string;
}

function ajvIssues(errors: ErrorObject[], data: unknown): RawIssue[] {
  const out: RawIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    const segs = segsOf(e.instancePath);
    const value = getAt(data, segs);
    const p = e.params as Record<string, unknown>;
    let r: RawIssue;
    switch (e.keyword) {
      case 'required':
        r = { segs, field: String(p.missingProperty), expected: `required field "${String(p.missingProperty)}"`, found: 'nothing', message: `missing required field "${String(p.missingProperty)}"` };
        break;
      case 'additionalProperties':
        r = { segs, key: String(p.additionalProperty), expected: `only the fields of the format (see seed/schema)`, found: `unknown field "${String(p.additionalProperty)}"`, message: `unknown field "${String(p.additionalProperty)}"` };
        break;
      case 'propertyNames':
        continue;
      case 'enum': {
        const op = (p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
        r = { segs, expected: `one of ${op}`, found: describe(value), message: 'value not allowed' };
        break;
      }
      case 'type':
        r = { segs, expected: `${String(p.type).replace(',', ' or ')}`, found: describe(value), message: 'wrong type' };
        break;
      case 'const':
        r = { segs, expected: JSON.stringify(p.allowedValue), found: describe(value), message: 'wrong value' };
        break;
      case 'format':
        r = { segs, expected: p.format === 'date' ? 'a date YYYY-MM-DD' : `format ${String(p.format)}`, found: describe(value), message: 'badly formatted value' };
        break;
      case 'pattern':
        r = {
          segs,
          expected: e.schemaPath.includes('url') ? 'an http(s) URL without spaces' : `a value matching ${String(p.pattern)} (ids: lowercase a-z 0-9 / . _ -)`,
          found: describe(value),
          message: 'badly formed value',
        };
        break;
      case 'minItems':
        r = { segs, expected: `at least ${String(p.limit)} item(s)`, found: describe(value), message: 'list too short' };
        break;
      case 'minLength':
        r = { segs, expected: `a non-empty string`, found: describe(value), message: 'empty text' };
        break;
      case 'maxLength':
        r = { segs, expected: `at most ${String(p.limit)} characters`, found: `${String(value).length} characters`, message: 'value too long' };
        break;
      case 'uniqueItems':
        r = { segs, expected: 'no repeated items', found: `items ${String(p.j)} and ${String(p.i)} are equal`, message: 'repeated list item' };
        break;
      case 'minimum':
        r = { segs, expected: `a number >= ${String(p.limit)}`, found: describe(value), message: 'number too small' };
        break;
      default:
        r = { segs, expected: e.message ?? e.keyword, found: describe(value), message: `schema rule "${e.keyword}" failed` };
    }
    const k = `${pathString(r.segs)}|${r.key ?? ''}|${r.message}|${r.expected}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(r);
  }
  // propertyNames failures: report each field not allowed for the op as an unknown field.
  for (const e of errors) {
    if (e.keyword !== 'propertyNames') continue;
    const segs = segsOf(e.instancePath);
    const name = String((e.params as { propertyName?: unknown }).propertyName);
    const op = String((getAt(data, segs) as { op?: unknown } | undefined)?.op ?? '?');
    const k = `${pathString(segs)}|${name}|pn`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ segs, key: name, expected: `only the fields allowed for op "${op}"`, found: `field "${name}"`, message: `field "${name}" is not allowed with op "${op}"` });
  }
  // An enum error for a propertyNames rule is reported above; drop its generic twin.
  return out.filter((r) => !(r.message === 'value not allowed' && errors.some((e) => e.keyword === 'propertyNames' && segsOf(e.instancePath).join('/') === r.segs.join('/') && r.expected.includes('"op"'))));
}

function walkStrings(v: unknown, segs: PathSeg[], visit: (s: string, segs: PathSeg[]) => void): void {
  if (typeof v === 'string') visit(v, segs);
  else if (Array.isArray(v)) v.forEach((x, i) => walkStrings(x, [...segs, i], visit));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walkStrings(x, [...segs, k], visit);
}

export interface ReadOptions {
  maxTextLength?: number;
}

/**
 * A seed file given as content rather than a path (the write API): `name` is what messages cite
 * and decides JSON vs YAML by its extension, as a path does.
 */
export interface SeedSource {
  name: string;
  content: string | Uint8Array;
}

/** Reads, decodes, parses and schema-validates one file. `doc` is null when the file has errors. */
export function readSeedFile(input: string | SeedSource, opts: ReadOptions = {}): { file: SeedFile; issues: SeedIssue[] } {
  const abs = typeof input === 'string' ? path.resolve(input) : input.name;
  const display = typeof input === 'string' ? relDisplay(abs) : input.name;
  const maxText = opts.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH;
  const issues: SeedIssue[] = [];
  let text = '';
  let yamlDoc: Document | null = null;
  let lineCounter: LineCounter | null = null;
  const file: SeedFile = {
    path: abs,
    display,
    sha256: '',
    doc: null,
    locate(segs) {
      if (!yamlDoc && text) {
        lineCounter = new LineCounter();
        yamlDoc = parseDocument(text, { lineCounter, uniqueKeys: true });
      }
      if (!yamlDoc || !lineCounter) return { line: 1, column: 1 };
      const pos = lineCounter.linePos(yamlOffset(yamlDoc, segs));
      return { line: pos.line, column: pos.col };
    },
  };
  const add = (line: number, column: number, p: string, message: string, expected: string, found: string): void => {
    issues.push({ file: display, line, column, path: p, message, expected, found });
  };

  let buf: Buffer;
  try {
    buf = typeof input === 'string' ? fs.readFileSync(abs) : Buffer.from(input.content);
  } catch (err) {
    add(1, 1, '', `cannot read file: ${(err as Error).message}`, 'a readable file', 'an error');
    return { file, issues };
  }
  file.sha256 = createHash('sha256').update(buf).digest('hex');
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    add(1, 1, '', 'file is UTF-16 encoded', 'UTF-8 text', 'a UTF-16 byte order mark');
    return { file, issues };
  }
  // A UTF-8 byte order mark is tolerated and ignored (editors on Windows add it); the hash covers the raw bytes.
  const body = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  const bad = invalidUtf8Offsets(body);
  if (bad.length) {
    const prefixText = (o: number): string => new TextDecoder('utf-8').decode(body.subarray(0, o));
    for (const o of bad) {
      const prefix = prefixText(o);
      const pos = lineColAt(prefix, prefix.length);
      add(pos.line, pos.column, '', 'file is not valid UTF-8', 'UTF-8 text', `byte 0x${body[o]!.toString(16).padStart(2, '0')} at byte offset ${o}`);
    }
    return { file, issues };
  }
  text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  let nul = text.indexOf('\u0000');
  let nuls = 0;
  while (nul >= 0 && nuls < 10) {
    const pos = lineColAt(text, nul);
    add(pos.line, pos.column, '', 'NUL byte in file', 'text without NUL (0x00) bytes', 'a NUL byte');
    nul = text.indexOf('\u0000', nul + 1);
    nuls++;
  }
  if (nuls) return { file, issues };

  let data: unknown;
  if (abs.toLowerCase().endsWith('.json')) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (data === undefined) {
    lineCounter = new LineCounter();
    yamlDoc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
    if (yamlDoc.errors.length) {
      for (const e of yamlDoc.errors) {
        const pos = lineCounter.linePos(e.pos[0]);
        add(pos.line, pos.col, '', `malformed ${abs.endsWith('.json') ? 'JSON' : 'YAML'}: ${e.message.split('\n')[0]}`, 'well-formed YAML or JSON', e.code);
      }
      return { file, issues };
    }
    data = yamlDoc.toJS({ maxAliasCount: 1000 });
  }

  const at = (segs: PathSeg[], key?: string): { line: number; column: number } => {
    if (key === undefined) return file.locate(segs);
    file.locate([]);
    if (!yamlDoc || !lineCounter) return { line: 1, column: 1 };
    const pos = (lineCounter as LineCounter).linePos(yamlOffset(yamlDoc, segs, key));
    return { line: pos.line, column: pos.col };
  };

  const kind = (data as { kind?: unknown } | null)?.kind;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    add(1, 1, '', 'the file must hold one mapping with a "kind"', 'a mapping (kind: Dataset | Amendment)', describe(data));
    return { file, issues };
  }
  if (kind !== 'Dataset' && kind !== 'Amendment') {
    const pos = at(['kind']);
    add(pos.line, pos.column, 'kind', 'unknown or missing kind', '"Dataset" or "Amendment"', describe(kind));
    return { file, issues };
  }
  const validate = schemaValidators()[kind];
  if (!validate(data)) {
    for (const r of ajvIssues(validate.errors ?? [], data)) {
      const pos = at(r.segs, r.key);
      const p = pathString(r.key ? [...r.segs, r.key] : r.field ? [...r.segs, r.field] : r.segs);
      add(pos.line, pos.column, p, r.message, r.expected, r.found);
    }
  }
  walkStrings(data, [], (s, segs) => {
    if (s.length > maxText) {
      const pos = at(segs);
      add(pos.line, pos.column, pathString(segs), 'text too long', `at most ${maxText} characters (MAX_TEXT_LENGTH)`, `${s.length} characters`);
    }
  });
  if (!issues.length) file.doc = data as SeedDoc;
  return { file, issues };
}
