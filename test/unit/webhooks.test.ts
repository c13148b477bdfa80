/** The parts of webhooks that need no database: settings, URL rules, signing, back-off, snapshot diffs, payload cap. */
import { describe, expect, it } from 'vitest';
import { authenticate, makeKey } from '../../lib/api-keys.ts';
import { ConfigError, loadConfig } from '../../lib/config.ts';
import { guardedLookup, signature, subscriptionSecret, urlProblem } from '../../lib/webhook-http.ts';
import { deliveryBody, type SubscriptionRow } from '../../subgraphs/obligations/webhooks/outbox.ts';
import { diffSnapshots, type ChangeItem, type Snapshot } from '../../subgraphs/obligations/webhooks/snapshot.ts';
import { backoffMs } from '../../subgraphs/obligations/webhooks/worker.ts';

const PROD = { APP_ENV: 'production', NEO4J_PASSWORD: 'a-real-secret-1', SUBGRAPH_SECRET: 's'.repeat(32) };

describe('webhook settings', () => {
  it('development: on, loopback receivers only, a documented dev secret', () => {
    const w = loadConfig({}).webhooks;
    expect(w.enabled).toBe(true);
    expect(w.allowedHosts).toEqual(['127.0.0.1', 'localhost', '::1']);
    expect(w.signingSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('production: off without a secret, no receiver allowed until listed, the secret required when asked for', () => {
    const off = loadConfig(PROD).webhooks;
    expect(off.enabled).toBe(false);
    expect(off.allowedHosts).toEqual([]);
    expect(loadConfig({ ...PROD, WEBHOOK_SIGNING_SECRET: 'w'.repeat(32) }).webhooks.enabled).toBe(true);
    try {
      loadConfig({ ...PROD, WEBHOOKS_ENABLED: 'true', WEBHOOK_ALLOWED_HOSTS: 'bad host!', WEBHOOK_TIMEOUT_MS: '5' });
      expect.unreachable();
    } catch (err) {
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/WEBHOOK_SIGNING_SECRET must be set in production/);
      expect(problems).toMatch(/WEBHOOK_ALLOWED_HOSTS/);
      expect(problems).toMatch(/WEBHOOK_TIMEOUT_MS/);
    }
    expect(() => loadConfig({ WEBHOOK_SIGNING_SECRET: 'short' })).toThrow(/at least 32/);
  });

  it('WEBHOOK_API_KEYS may subscribe and read, not write; write keys may subscribe', () => {
    const v = makeKey('vendor');
    const w = makeKey('regulator');
    const c = loadConfig({ WEBHOOK_API_KEYS: v.entry, WRITE_API_KEYS: w.entry });
    expect(authenticate(c.apiKeys, v.key)?.scopes).toEqual(['read', 'subscribe']);
    expect(authenticate(c.apiKeys, w.key)?.scopes).toEqual(['read', 'write', 'subscribe']);
  });
});

describe('which URLs a subscription may name', () => {
  const dev = { allowedHosts: ['127.0.0.1', 'localhost', 'hooks.bank.example', '*.vendor.example'], production: false, maxUrlLength: 200 };
  const prod = { ...dev, production: true };
  it.each([
    ['http://127.0.0.1:9000/x', dev, null],
    ['https://a.vendor.example/x', prod, null],
    ['http://hooks.bank.example/x', prod, null],
    ['http://a.vendor.example/x', prod, /https/],
    ['https://vendor.example/x', prod, /not in WEBHOOK_ALLOWED_HOSTS/],
    ['https://evil.example/x', dev, /not in WEBHOOK_ALLOWED_HOSTS/],
    ['http://169.254.169.254/latest', { ...dev, allowedHosts: ['169.254.169.254'] }, /may not receive/],
    ['http://user:pw@127.0.0.1/x', dev, /credentials/],
    ['file:///etc/passwd', dev, /http/],
    [`http://127.0.0.1/${'a'.repeat(300)}`, dev, /longer than/],
    ['not a url', dev, /absolute/],
  ])('%s', (url, policy, expected) => {
    const p = urlProblem(url, policy);
    if (expected === null) expect(p).toBeNull();
    else expect(p).toMatch(expected);
  });
});

describe('the address connected to', () => {
  const lookup = (allowPrivate: boolean, all: boolean) =>
    new Promise<{ err: Error | null; address: unknown }>((resolve) => guardedLookup(allowPrivate)('localhost', { all } as never, ((err: Error | null, address: unknown) => resolve({ err, address })) as never));
  it('is refused when a name resolves to loopback or a private network, unless the host is listed exactly', async () => {
    expect((await lookup(false, false)).err?.message).toMatch(/may not receive webhooks/);
    expect((await lookup(false, true)).err?.message).toMatch(/may not receive webhooks/);
    const ok = await lookup(true, false);
    expect(ok.err).toBeNull();
    expect(String(ok.address)).toMatch(/^(127\.|::1)/);
    expect(Array.isArray((await lookup(true, true)).address)).toBe(true);
  });
});

describe('signing', () => {
  it('derives a different secret per subscription and signs timestamp and body', () => {
    const a = subscriptionSecret('x'.repeat(32), 'whs/1');
    expect(a).toBe(subscriptionSecret('x'.repeat(32), 'whs/1'));
    expect(a).not.toBe(subscriptionSecret('x'.repeat(32), 'whs/2'));
    expect(a).not.toBe(subscriptionSecret('y'.repeat(32), 'whs/1'));
    expect(signature(a, 1, '{}')).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signature(a, 1, '{}')).not.toBe(signature(a, 2, '{}'));
  });
});

describe('back-off', () => {
  it('doubles from the base, stays under the cap, and is jittered to 50–100 %', () => {
    expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(3, 1000, 60_000, () => 1)).toBe(4000);
    expect(backoffMs(3, 1000, 60_000, () => 0)).toBe(2000);
    expect(backoffMs(40, 1000, 60_000, () => 1)).toBe(60_000);
  });
});

const item = (on: string, obligationId: string, kind = 'NEW_OBLIGATION'): ChangeItem => ({ on, kind, obligationId, before: null, after: 'APPLIES', serviceTypeId: 'svc/x', deploymentId: null, causes: [], provisionIds: [] });
const snap = (day: string, to: string, items: ChangeItem[]): Snapshot => ({ day, from: '2008-01-01', to, items });

describe('snapshot diffs', () => {
  it('an apply: changes added and withdrawn, not changes that only enter the horizon', () => {
    const old = snap('2026-12-08', '2028-12-08', [item('2020-01-01', 'obl/a'), item('2027-03-01', 'obl/b')]);
    const next = snap('2026-12-08', '2028-12-08', [item('2020-01-01', 'obl/a'), item('2026-02-01', 'obl/c')]);
    expect(diffSnapshots(old, next).map((e) => `${e.event} ${e.obligationId}`)).toEqual(['NEW obl/c', 'WITHDRAWN obl/b']);
    const later = snap('2026-12-20', '2028-12-20', [...old.items, item('2028-12-15', 'obl/d')]);
    expect(diffSnapshots(old, later).map((e) => e.event)).toEqual([]);
  });

  it('days passing: announced changes whose date came are IN_EFFECT once', () => {
    const old = snap('2026-12-08', '2028-12-08', [item('2026-12-08', 'obl/today'), item('2026-12-17', 'obl/soon'), item('2027-06-01', 'obl/later')]);
    const next = snap('2026-12-20', '2028-12-20', old.items);
    expect(diffSnapshots(old, next).map((e) => `${e.event} ${e.obligationId}`)).toEqual(['IN_EFFECT obl/soon']);
    expect(diffSnapshots(next, snap('2026-12-21', '2028-12-21', old.items))).toEqual([]);
  });
});

describe('payload cap', () => {
  it('drops changes past WEBHOOK_MAX_PAYLOAD_BYTES and says so', () => {
    const s = { id: 'whs/1', serviceType: 'svc/x', deployment: null, institution: null, context: null } as SubscriptionRow;
    const events = Array.from({ length: 500 }, (_, i) => ({ event: 'NEW' as const, ...item('2026-01-01', `obl/${i}`) }));
    const body = deliveryBody({ id: 'whd_1', subscription: s, trigger: { kind: 'DATE', date: '2026-01-01' }, day: '2026-01-01', events }, 20_000);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(20_000);
    const parsed = JSON.parse(body) as { changeCount: number; truncated: boolean; changes: unknown[] };
    expect(parsed).toMatchObject({ changeCount: 500, truncated: true });
    expect(parsed.changes.length).toBeGreaterThan(0);
    expect(parsed.changes.length).toBeLessThan(500);
  });
});
