import { describe, expect, it } from 'vitest';
import { operationLabel, registry } from '../../lib/metrics.ts';

describe('operation label', () => {
  it('keeps well-formed names, names the rest, and stops growing at 200 distinct names', async () => {
    expect(operationLabel(undefined)).toBe('anonymous');
    expect(operationLabel('Flagship')).toBe('Flagship');
    expect(operationLabel('bad name"} 1\n')).toBe('other');
    expect(operationLabel('x'.repeat(101))).toBe('other');
    for (let i = 0; i < 300; i++) operationLabel(`Op${i}`);
    expect(operationLabel('Op150')).toBe('Op150');
    expect(operationLabel('Op250')).toBe('other');
    // Names seen before the cap keep their label.
    expect(operationLabel('Flagship')).toBe('Flagship');
    expect(await registry.metrics()).toContain('# TYPE regkg_graphql_requests_total counter');
  });
});
