export type Language = 'KO' | 'EN';

/** Picks the Korean or English variant, falling back to the other when one is missing. */
export function pick(ko: unknown, en: unknown, language: Language | null | undefined): string | null {
  const k = typeof ko === 'string' && ko ? ko : null;
  const e = typeof en === 'string' && en ? en : null;
  return language === 'EN' ? (e ?? k) : (k ?? e);
}

/** True when [validFrom, validTo) contains `asOf` (ISO strings compare correctly). */
export function activeOn(v: { validFrom?: unknown; validTo?: unknown }, asOf: string): boolean {
  const from = v.validFrom as string | null | undefined;
  const to = v.validTo as string | null | undefined;
  return (!from || from <= asOf) && (!to || asOf < to);
}

/** The version in force on `asOf` (default today), or null. */
export function versionOn<V extends { validFrom?: unknown; validTo?: unknown }>(versions: V[], asOf: string | null | undefined, today: () => string): V | null {
  const date = asOf ?? today();
  return versions.find((v) => activeOn(v, date)) ?? null;
}
