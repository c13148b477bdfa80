import { describe, expect, it } from 'vitest';
import { addMonths, isIsoDate } from '../../lib/dates.ts';
import { activeOn } from '../../subgraphs/shared/i18n.ts';
import { compareArticles } from '../../subgraphs/regulations/repository.ts';
import { designationStatus } from '../../subgraphs/institutions/resolvers.ts';

describe('dates and intervals', () => {
  it('validates calendar dates', () => {
    expect(isIsoDate('2020-08-05')).toBe(true);
    expect(isIsoDate('2021-02-30')).toBe(false);
    expect(isIsoDate('2020-8-5')).toBe(false);
  });

  it('treats validTo as exclusive', () => {
    const v = { validFrom: '2020-08-05', validTo: '2026-09-11' };
    expect(activeOn(v, '2020-08-04')).toBe(false);
    expect(activeOn(v, '2020-08-05')).toBe(true);
    expect(activeOn(v, '2026-09-10')).toBe(true);
    expect(activeOn(v, '2026-09-11')).toBe(false);
    expect(activeOn({ validFrom: '2020-08-05', validTo: null }, '2099-01-01')).toBe(true);
  });

  it('adds months across year ends', () => {
    expect(addMonths('2026-11-24', 3)).toBe('2027-02-24');
  });

  it('orders article numbers naturally', () => {
    expect(['37', '36-2', '4', '36', '18'].sort(compareArticles)).toEqual(['4', '18', '36', '36-2', '37']);
  });

  it('derives a designation status from its period, estimating an unpublished end (issue 13)', () => {
    const z = { id: 'z', validFrom: '2019-10-02', validTo: '2023-10-02' };
    expect(designationStatus(z, '2019-01-01')).toBe('NOT_YET_DESIGNATED');
    expect(designationStatus(z, '2021-01-01')).toBe('ACTIVE');
    expect(designationStatus(z, '2024-01-01')).toBe('EXPIRED');
    // FISA Art. 4(1) "2년의 범위 내에서": without a published end the period lasts at most 2 years.
    expect(designationStatus({ id: 'y', validFrom: '2019-12-01', validTo: null }, '2021-11-30')).toBe('ACTIVE');
    expect(designationStatus({ id: 'y', validFrom: '2019-12-01', validTo: null }, '2024-01-01')).toBe('EXPIRED');
    // UNKNOWN only when no date at all is known.
    expect(designationStatus({ id: 'x', validFrom: null, validTo: null }, '2024-01-01')).toBe('UNKNOWN');
  });
});
