/**
 * The life of an innovative-financial-service designation (Financial Innovation Support Act), as
 * pure date logic shared by the institutions subgraph (`SandboxDesignation.status`) and the
 * applicability engine, so both say the same thing on any date.
 *
 * Law: a designation lasts at most 2 years (Art. 4(1)); it can be extended once, by at most 2 years
 * (Art. 10(1)); while financial law is being amended after a notice under Art. 10-2(5), it is deemed
 * not to have expired (Art. 10-2(6)), for at most 6 months from the expiry, extendable twice by 6
 * months each (Art. 10-2(7)); Art. 10-2 is in force from 2021-07-21. On expiry the business loses
 * its status and must stop the service (Art. 9(1)-(2)).
 *
 * Dates are ISO `YYYY-MM-DD`; every end is exclusive (the first day no longer covered), as `validTo`
 * everywhere in the graph. Periods are counted by the Civil Act: the first day counts (the
 * designation takes effect at the start of its day, Art. 157 proviso) and a period of months ends the
 * day before the corresponding day, or on the last day of the month that has none (Art. 160(2)-(3)).
 */
export type DesignationStatus = 'NOT_YET_DESIGNATED' | 'ACTIVE' | 'EXTENDED' | 'DEEMED_CONTINUING' | 'EXPIRED' | 'UNKNOWN';

export const STATUTORY_PERIOD_MONTHS = 24;
export const STATUTORY_EXTENSION_MONTHS = 24;
export const DEEMED_STEP_MONTHS = 6;
export const DEEMED_MAX_STEPS = 3;
/** Art. 10-2 (deemed continuation) in force from this day (seed/data/README.md). */
export const DEEMED_CONTINUATION_FROM = '2021-07-21';

export interface ExtensionFact { on: string; until: string | null }
export interface DeemedFact { from: string; until: string | null }
export interface LifecycleFacts {
  designatedOn: string | null;
  /** `YYYY-MM` when only the month of designation is published. */
  designatedMonth?: string | null;
  validFrom: string | null;
  /** Published end (exclusive) of the initial period. */
  validTo: string | null;
  /** Published length of the initial period; null = not published (the statutory maximum is assumed). */
  periodMonths?: number | null;
  extensions?: ExtensionFact[];
  deemedContinuation?: DeemedFact[];
}

export interface Lifecycle {
  start: string | null;
  startEstimated: boolean;
  initialEnd: string | null;
  /** True when `initialEnd` is the statutory maximum or counted from an estimated start. */
  initialEndEstimated: boolean;
  /** End of the current period (initial or extended), without deemed continuation. */
  periodEnd: string | null;
  periodEndEstimated: boolean;
  extended: boolean;
  /** End of a published deemed continuation, else null. */
  deemedEnd: string | null;
  deemedEndEstimated: boolean;
  /** The latest day (exclusive) a deemed continuation could reach when none is published; null when not possible or equal to the end. */
  latestPossibleEnd: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
function iso(y: number, m: number, d: number): string {
  const t = new Date(Date.UTC(y, m - 1, d));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}
function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Exclusive end of a period of `months` starting on `start` (first day counted; Civil Act Arts. 157, 160). */
export function periodEndAfter(start: string, months: number): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const total = m - 1 + months;
  const ty = y + Math.floor(total / 12);
  const tm = (total % 12) + 1;
  // No corresponding day (e.g. 29 February in a common year): the period ends on the month's last day.
  if (d > daysIn(ty, tm)) return iso(ty, tm + 1, 1);
  return iso(ty, tm, d);
}

/** The day before an exclusive end: the last day covered. */
export function lastDay(exclusiveEnd: string): string {
  const [y, m, d] = exclusiveEnd.split('-').map(Number) as [number, number, number];
  return iso(y, m, d - 1);
}

export function lifecycleOf(f: LifecycleFacts): Lifecycle {
  let start = f.validFrom ?? f.designatedOn;
  let startEstimated = false;
  if (!start && f.designatedMonth) {
    // Only the month is published: the designation certainly exists from the month's last day, and
    // counting from that day gives the latest end the statute allows (an estimate, said so).
    const [y, m] = f.designatedMonth.split('-').map(Number) as [number, number];
    start = iso(y, m, daysIn(y, m));
    startEstimated = true;
  }
  const none: Lifecycle = { start: null, startEstimated: false, initialEnd: null, initialEndEstimated: true, periodEnd: null, periodEndEstimated: true, extended: false, deemedEnd: null, deemedEndEstimated: false, latestPossibleEnd: null };
  if (!start) return none;
  const initialEnd = f.validTo ?? periodEndAfter(start, f.periodMonths ?? STATUTORY_PERIOD_MONTHS);
  let periodEnd = initialEnd;
  const initialEndEstimated = !f.validTo && (startEstimated || f.periodMonths == null);
  let periodEndEstimated = initialEndEstimated;
  const exts = f.extensions ?? [];
  if (exts.length) {
    // Rows are the history of the one extension Art. 10 allows; the latest row with an end governs.
    const published = [...exts].reverse().find((e) => e.until)?.until ?? null;
    periodEnd = published ?? periodEndAfter(initialEnd, STATUTORY_EXTENSION_MONTHS);
    periodEndEstimated = published === null || startEstimated;
  }
  const possible = periodEnd > DEEMED_CONTINUATION_FROM;
  const rows = f.deemedContinuation ?? [];
  let deemedEnd: string | null = null;
  let deemedEndEstimated = false;
  if (rows.length) {
    const last = rows[rows.length - 1]!;
    deemedEnd = last.until ?? periodEndAfter(periodEnd, DEEMED_STEP_MONTHS * Math.min(rows.length, DEEMED_MAX_STEPS));
    deemedEndEstimated = last.until === null;
  }
  const max = periodEndAfter(periodEnd, DEEMED_STEP_MONTHS * DEEMED_MAX_STEPS);
  const open = rows.length === 0 || deemedEndEstimated;
  const latestPossibleEnd = possible && open && max !== (deemedEnd ?? periodEnd) ? max : null;
  return { start, startEstimated, initialEnd, initialEndEstimated, periodEnd, periodEndEstimated, extended: exts.length > 0, deemedEnd, deemedEndEstimated, latestPossibleEnd };
}

/** The status on `asOf`; UNKNOWN only when no date of the designation is known. */
export function statusOn(l: Lifecycle, asOf: string): DesignationStatus {
  if (!l.start || !l.periodEnd || !l.initialEnd) return 'UNKNOWN';
  if (asOf < l.start) return 'NOT_YET_DESIGNATED';
  if (asOf < l.initialEnd) return 'ACTIVE';
  if (asOf < l.periodEnd) return 'EXTENDED';
  if (l.deemedEnd && asOf < l.deemedEnd) return 'DEEMED_CONTINUING';
  return 'EXPIRED';
}

/** Whether a designation in this status grants its exemptions and binds its sandbox duties. */
export function inForce(status: DesignationStatus): boolean {
  return status === 'ACTIVE' || status === 'EXTENDED' || status === 'DEEMED_CONTINUING';
}

/** A designation's date properties as the graph stores them (seed/model.ts DesignationIn). */
export interface DesignationDates {
  designatedOn?: string | null;
  designatedMonth?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  periodMonths?: number | null;
  extendedOn?: string | null;
  extendedUntil?: string | null;
  deemedContinuationFrom?: string | null;
  deemedContinuationUntil?: string | null;
}

/** The lifecycle facts of a stored designation: one extension row per `extendedOn`, one deemed row per `deemedContinuationFrom`. */
export function factsOf(z: DesignationDates): LifecycleFacts {
  return {
    designatedOn: z.designatedOn ?? null,
    designatedMonth: z.designatedMonth ?? null,
    validFrom: z.validFrom ?? null,
    validTo: z.validTo ?? null,
    periodMonths: z.periodMonths ?? null,
    extensions: z.extendedOn ? [{ on: z.extendedOn, until: z.extendedUntil ?? null }] : [],
    deemedContinuation: z.deemedContinuationFrom ? [{ from: z.deemedContinuationFrom, until: z.deemedContinuationUntil ?? null }] : [],
  };
}

/** The day the designation stops being in force (exclusive): the end of a published deemed continuation, else of the period. */
export function endOf(l: Lifecycle): string | null {
  return l.deemedEnd ?? l.periodEnd;
}
