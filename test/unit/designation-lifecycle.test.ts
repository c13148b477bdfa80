import { describe, expect, it } from 'vitest';
import { inForce, lastDay, lifecycleOf, periodEndAfter, statusOn } from '../../subgraphs/shared/designation-lifecycle.ts';

describe('periodEndAfter (Civil Act Arts. 157, 160)', () => {
  it('ends the day before the corresponding day', () => {
    expect(periodEndAfter('2019-10-02', 24)).toBe('2021-10-02');
    expect(lastDay('2021-10-02')).toBe('2021-10-01');
  });
  it('leap days: no corresponding day ends the period on the last day of the month', () => {
    expect(periodEndAfter('2020-02-29', 24)).toBe('2022-03-01');
    expect(periodEndAfter('2020-02-29', 48)).toBe('2024-02-29');
    expect(periodEndAfter('2019-08-31', 6)).toBe('2020-03-01');
  });
});

describe('lifecycle of the seed designations (facts as published)', () => {
  // Shinhan Face Pay: designated 2019-10-02 for 2 years, extended 2021-09-08 (end not published).
  const shinhan = lifecycleOf({ designatedOn: '2019-10-02', validFrom: '2019-10-02', validTo: null, periodMonths: 24, extensions: [{ on: '2021-09-08', until: null }] });
  it('Shinhan: statuses on the day before, of and after each change', () => {
    expect(statusOn(shinhan, '2019-10-01')).toBe('NOT_YET_DESIGNATED');
    expect(statusOn(shinhan, '2019-10-02')).toBe('ACTIVE');
    expect(statusOn(shinhan, '2021-10-01')).toBe('ACTIVE');
    expect(statusOn(shinhan, '2021-10-02')).toBe('EXTENDED');
    expect(statusOn(shinhan, '2023-10-01')).toBe('EXTENDED');
    expect(statusOn(shinhan, '2023-10-02')).toBe('EXPIRED');
    expect(statusOn(shinhan, '2024-01-01')).toBe('EXPIRED');
    expect(statusOn(shinhan, '2026-11-24')).toBe('EXPIRED');
    expect(shinhan.periodEnd).toBe('2023-10-02');
    expect(shinhan.periodEndEstimated).toBe(true);
    // Art. 10-2(7): at most 6 + 6 + 6 months after the expiry, were a notice published.
    expect(shinhan.latestPossibleEnd).toBe('2025-04-02');
  });
  it('NH: month-only designation counts from the last day of December 2019 (estimated)', () => {
    const nh = lifecycleOf({ designatedOn: null, designatedMonth: '2019-12', validFrom: null, validTo: null });
    expect(nh.start).toBe('2019-12-31');
    expect(nh.startEstimated).toBe(true);
    expect(statusOn(nh, '2019-12-30')).toBe('NOT_YET_DESIGNATED');
    expect(statusOn(nh, '2019-12-31')).toBe('ACTIVE');
    expect(statusOn(nh, '2021-12-30')).toBe('ACTIVE');
    expect(statusOn(nh, '2021-12-31')).toBe('EXPIRED');
    expect(nh.latestPossibleEnd).toBe('2023-07-01');
  });
  it('Persona and Douzone expired before Art. 10-2 existed: no deemed continuation possible', () => {
    const persona = lifecycleOf({ designatedOn: '2019-05-15', validFrom: '2019-05-15', validTo: null });
    expect(statusOn(persona, '2021-05-14')).toBe('ACTIVE');
    expect(statusOn(persona, '2021-05-15')).toBe('EXPIRED');
    expect(persona.latestPossibleEnd).toBeNull();
    const douzone = lifecycleOf({ designatedOn: null, designatedMonth: '2019-05', validFrom: null, validTo: null });
    expect(douzone.periodEnd).toBe('2021-05-31');
    expect(statusOn(douzone, '2026-11-24')).toBe('EXPIRED');
  });
  it('published deemed continuation and UNKNOWN without any date', () => {
    const z = lifecycleOf({ designatedOn: '2022-01-10', validFrom: '2022-01-10', validTo: null, periodMonths: 24, deemedContinuation: [{ from: '2024-01-10', until: null }] });
    expect(statusOn(z, '2024-01-10')).toBe('DEEMED_CONTINUING');
    expect(statusOn(z, '2024-07-09')).toBe('DEEMED_CONTINUING');
    expect(statusOn(z, '2024-07-10')).toBe('EXPIRED');
    expect(inForce(statusOn(z, '2024-07-09'))).toBe(true);
    expect(statusOn(lifecycleOf({ designatedOn: null, validFrom: null, validTo: null }), '2024-01-01')).toBe('UNKNOWN');
  });
});
