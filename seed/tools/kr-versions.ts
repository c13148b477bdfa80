/**
 * Builds the versions of Korean provisions from the statute files, following the dating rules of
 * `seed/data/README.md`:
 *  - a text's start is the date in force of the latest amendment marked in it (`<개정|신설 Y.M.D>`),
 *    read from the addenda (부칙) or a curated override, never earlier than the article's origin
 *    (the law's baseline, or the spec's `since`);
 *  - consecutive files with the same text make one version; when the text changes between two files,
 *    the new text starts at its marked amendment's date if that falls between the files' dates,
 *    otherwise at the later file's date in force;
 *  - if the oldest text held starts after the article's origin, the article was in force earlier
 *    with a wording we do not hold: that period is a version whose `textKo` is null here (the
 *    generator writes a marked placeholder, {@link NOT_HELD_KO}), so the provision is in force then.
 */
import { join } from 'node:path';
import { amendmentDates, parseLawFile, type LawFile } from './law-files.ts';
import type { KrLawSpec, ProvisionSpec } from './kr-law-specs.ts';

export interface BuiltVersion {
  validFrom: string;
  validTo: string | null;
  textKo: string | null;
  /** Law file the text comes from (relative to the laws root), null for a gap version. */
  file: string | null;
  /** How validFrom was obtained, for the generator's report. */
  basis: string;
}

export interface BuiltProvision {
  versions: BuiltVersion[];
}

/** Start of the placeholder text of a version whose wording we do not hold. */
export const NOT_HELD_KO = '[조문 미보유]';
export const NOT_HELD_EN = '[Wording not held]';

export interface LoadedLaw {
  spec: KrLawSpec;
  /** Files sorted by date in force, oldest first. */
  files: LawFile[];
  current: LawFile;
  relPaths: Map<LawFile, string>;
}

export function loadLaw(lawsRoot: string, spec: KrLawSpec): LoadedLaw {
  const relPaths = new Map<LawFile, string>();
  const files = spec.files.map((f) => {
    const lf = parseLawFile(join(lawsRoot, spec.dir, f));
    relPaths.set(lf, `${spec.dir}/${f}`);
    return lf;
  });
  files.sort((a, b) => a.meta.inForceFrom.localeCompare(b.meta.inForceFrom));
  const current = files.find((f) => relPaths.get(f) === `${spec.dir}/${spec.current}`);
  if (!current) throw new Error(`${spec.key}: current file ${spec.current} not among files`);
  return { spec, files, current, relPaths };
}

/** Date in force of an amendment promulgated on `promulgatedOn`, as it concerns `article`. */
function amendmentInForce(law: LoadedLaw, promulgatedOn: string, article: string): { date: string; basis: string } {
  const o = law.spec.overrides.find((x) => x.promulgatedOn === promulgatedOn && x.articles.includes(article));
  if (o) return { date: o.inForceFrom, basis: `override: ${o.basis}` };
  // The law's own addendum first; an addendum of another law that amended this one otherwise.
  for (const own of [true, false]) {
    for (const f of law.files) {
      const a = f.addenda.find((x) => x.promulgatedOn === promulgatedOn && x.inForceFrom && (x.otherLaw === null) === own);
      if (a) return { date: a.inForceFrom!, basis: `addendum to No. ${a.lawNumber} (${promulgatedOn})${a.otherLaw ? ` (${a.otherLaw})` : ''}` };
    }
  }
  return { date: promulgatedOn, basis: `promulgation ${promulgatedOn} (addendum not in the text held; lower bound)` };
}

function textStart(law: LoadedLaw, text: string, article: string): { date: string; basis: string } | null {
  const dates = amendmentDates(text);
  const last = dates[dates.length - 1];
  return last ? amendmentInForce(law, last, article) : null;
}

/** Versions of one article, oldest first, intervals contiguous and non-overlapping. */
export function buildVersions(law: LoadedLaw, p: ProvisionSpec): BuiltProvision {
  const origin = p.since ?? law.spec.baseline;
  const segments: { text: string; file: LawFile }[] = [];
  let firstFileIdx = -1;
  law.files.forEach((f, i) => {
    const a = f.articles.get(p.article);
    if (!a || a.deleted) return;
    if (firstFileIdx < 0) firstFileIdx = i;
    const last = segments[segments.length - 1];
    if (!last || last.text !== a.text) segments.push({ text: a.text, file: f });
  });
  if (segments.length === 0) throw new Error(`${law.spec.regulation.id}: article ${p.article} not found in ${law.spec.files.join(', ')}`);

  const out: BuiltVersion[] = [];
  segments.forEach((seg, i) => {
    const fileIdx = law.files.indexOf(seg.file);
    const marked = textStart(law, seg.text, p.article);
    let start: string;
    let basis: string;
    if (i === 0) {
      // The first text held: from its latest marked amendment, but not before the article's origin;
      // an article absent from an older file we hold cannot start before the file that first has it.
      const floor = fileIdx > 0 ? maxDate(origin, nextDay(law.files[fileIdx - 1]!.meta.inForceFrom)) : origin;
      // Deferred provisions: the newest file may hold text taking effect after the file's own date.
      const newest = fileIdx === law.files.length - 1;
      if (marked && marked.date > floor && (newest || marked.date <= seg.file.meta.inForceFrom)) {
        start = marked.date;
        basis = marked.basis;
      } else if (fileIdx > 0 && !p.since) {
        start = seg.file.meta.inForceFrom;
        basis = `absent from the older text held; first in ${law.relPaths.get(seg.file)} (in force ${start})`;
      } else {
        start = floor;
        basis = p.since ? `spec since ${p.since}` : `baseline: ${law.spec.baselineBasis}`;
      }
    } else {
      const prevFile = law.files[fileIdx - 1]!;
      if (marked && marked.date > prevFile.meta.inForceFrom && marked.date <= seg.file.meta.inForceFrom) {
        start = marked.date;
        basis = marked.basis;
      } else {
        start = seg.file.meta.inForceFrom;
        basis = `text changed between ${law.relPaths.get(prevFile)} and ${law.relPaths.get(seg.file)}; dated at the later file (in force ${start})`;
      }
    }
    const prev = out[out.length - 1];
    if (prev) prev.validTo = start;
    out.push({ validFrom: start, validTo: null, textKo: seg.text, file: law.relPaths.get(seg.file)!, basis });
  });
  for (const v of out) {
    if (v.validTo !== null && v.validTo <= v.validFrom) {
      throw new Error(`${law.spec.regulation.id} art. ${p.article}: empty interval ${v.validFrom}..${v.validTo}`);
    }
  }
  if (firstFileIdx === 0 && out[0]!.validFrom > origin) {
    out.unshift({ validFrom: origin, validTo: out[0]!.validFrom, textKo: null, file: null, basis: `in force from ${origin}; wording of this period not held` });
  }
  return { versions: out };
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

function nextDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}
