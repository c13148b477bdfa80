/** JSONL input for the batch matcher and the evaluation: every problem names file and line. */
import { readFileSync } from 'node:fs';

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export interface TextRecord {
  id: string;
  text: string;
  title?: string;
  /** any further fields of the line, kept as they are */
  extra: Record<string, unknown>;
}

/**
 * Read `{"id","text","title"?}` lines. Blank lines are skipped; an invalid JSON line, a missing or
 * non-string id/text, a duplicate id or a file without records is an InputError naming file and line.
 */
export function readTextRecords(file: string, opts: { titleAllowed?: boolean } = {}): TextRecord[] {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const out: TextRecord[] = [];
  const seen = new Map<string, number>();
  const lines = raw.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const where = `${file}:${i + 1}`;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      throw new InputError(`${where}: invalid JSON (${(e as Error).message})`);
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new InputError(`${where}: expected a JSON object`);
    const o = v as Record<string, unknown>;
    if (typeof o.id !== 'string' || o.id.trim() === '') throw new InputError(`${where}: field "id" must be a non-empty string`);
    if (typeof o.text !== 'string' || o.text.trim() === '') throw new InputError(`${where}: field "text" must be a non-empty string`);
    if (o.title !== undefined && o.title !== null && typeof o.title !== 'string') throw new InputError(`${where}: field "title" must be a string`);
    if (o.title && opts.titleAllowed === false) throw new InputError(`${where}: field "title" is not allowed here`);
    const prev = seen.get(o.id);
    if (prev !== undefined) throw new InputError(`${where}: duplicate id "${o.id}" (first on line ${prev})`);
    seen.set(o.id, i + 1);
    const { id, text, title, ...extra } = o;
    out.push({ id: id as string, text: text as string, ...(typeof title === 'string' ? { title } : {}), extra });
  }
  if (out.length === 0) throw new InputError(`${file}: no records (the file is empty)`);
  return out;
}
