/**
 * Webhook notifications (issue 17): subscriptions behind a key with the `subscribe` scope, one signed
 * delivery per change set that changes a watched report, retries, a hung receiver that does not hold
 * up the apply, two servers on one database still delivering once, delivery across a restart of the
 * server (the outbox is in Neo4j), and dated changes taking effect. The receivers are real HTTP
 * servers on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey } from '../../lib/api-keys.ts';
import { today } from '../../lib/dates.ts';
import { applyObligationAmendment, obligationAmendmentYaml, type TestObligation } from '../support/amendments.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { testConfig } from '../support/test-config.ts';
import { startReceiver, verify, type Receiver } from '../support/webhook-receiver.ts';

const writer = makeKey('regulator-kim');
const vendor = makeKey('vendor-park');
const otherVendor = makeKey('vendor-choi');
const reader = makeKey('reader-lee');
const ENV = {
  WRITE_API_KEYS: writer.entry,
  READ_API_KEYS: reader.entry,
  WEBHOOK_API_KEYS: `${vendor.entry},${otherVendor.entry}`,
  WEBHOOK_SIGNING_SECRET: 'test-webhook-signing-secret-0123456789abcdef',
  WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
  WEBHOOK_POLL_MS: '200',
  WEBHOOK_RETRY_BASE_MS: '300',
  WEBHOOK_TIMEOUT_MS: '1500',
  WRITE_RATE_LIMIT: '100/minute',
};
/** The webhook calendar: moved forward by the last test (dated changes taking effect). */
let day = today();
const withClock = () => ({ webhooks: { ...testConfig(ENV).webhooks, clock: () => day } });

let stack: TestStack;
let receiver: Receiver;
/** The other vendor's receiver: a second subscription on the same report. */
let receiver2: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
  receiver2 = await startReceiver();
  stack = await startStack({ env: ENV, overrides: withClock() });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
  await receiver2?.close();
});

type Body = { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
async function post(query: string, variables: Record<string, unknown>, key?: string): Promise<{ status: number; body: Body }> {
  const res = await fetch(stack.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: (await res.json()) as Body };
}
async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const CREATE = 'mutation($input: WebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { secret subscription { id url owner serviceType checkedVersion checkedOn } } }';
const LIST = '{ webhookSubscriptions { id owner url } }';
const DELETE = 'mutation($id: ID!) { deleteWebhookSubscription(id: $id) }';
const DELIVERIES = 'query($s: ID!) { webhookDeliveries(subscription: $s) { id trigger changeSets date changeCount status attempts lastStatusCode lastError deliveredAt log { attempt statusCode error } } }';
const APPLY = 'mutation($files: [SeedFileInput!]!) { applySeed(files: $files) { ok noop changeSetId errors { message } } }';

function amendment(n: number, effectiveOn: string): TestObligation {
  return {
    amendmentId: `amd/test/webhook-${n}`,
    regulation: 'kr/fcpa',
    obligation: `obl/fcpa/webhook-test-${n}`,
    kind: 'RECORD_KEEPING',
    provisions: ['kr/fcpa/art-17'],
    triggers: { serviceTypes: ['svc/robo-advisor'] },
    statementKo: `로보어드바이저의 자문 근거를 기록하여야 한다 (${n}).`,
    statementEn: `Record the grounds of each robo-advice (${n}).`,
    effectiveOn,
  };
}
async function apply(n: number, effectiveOn: string): Promise<{ changeSetId: string; noop: boolean; ms: number }> {
  const t0 = Date.now();
  const r = await post(APPLY, { files: [{ name: `webhook-${n}.yaml`, content: obligationAmendmentYaml(amendment(n, effectiveOn)) }] }, writer.key);
  const ms = Date.now() - t0;
  expect(r.body.errors).toBeUndefined();
  expect(r.body.data!.applySeed.ok).toBe(true);
  return { ...(r.body.data!.applySeed as { changeSetId: string; noop: boolean }), ms };
}
const bodies = () => receiver.received.map((x) => JSON.parse(x.body) as { id: string; trigger: { kind: string; changeSets?: { id: string }[]; date?: string }; changes: { event: string; obligationId: string; on: string; kind: string; after: string | null }[] });

let sub: { id: string; secret: string };
let sub2: { id: string; secret: string };

describe('subscriptions are the key holder’s, behind the subscribe scope', () => {
  const input = () => ({ serviceType: 'svc/robo-advisor', url: receiver.url, description: 'compliance desk' });

  it('refuses callers without a key or without the scope, and URLs outside the allow-list', async () => {
    expect((await post(CREATE, { input: input() })).status).toBe(401);
    const read = await post(CREATE, { input: input() }, reader.key);
    expect(read.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const url of ['http://169.254.169.254/latest/meta-data', 'https://example.com/hook', 'ftp://127.0.0.1/x', 'http://user:pw@127.0.0.1/x', `http://127.0.0.1/${'a'.repeat(3000)}`]) {
      const r = await post(CREATE, { input: { ...input(), url } }, vendor.key);
      expect(r.body.errors?.[0]?.extensions, url).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });
    }
    const missing = await post(CREATE, { input: { ...input(), serviceType: 'svc/no-such-service' } }, vendor.key);
    expect(missing.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.serviceType' });
  });

  it('creates one, shows its secret once, and hides it from other keys', async () => {
    const r = await post(CREATE, { input: input() }, vendor.key);
    expect(r.body.errors).toBeUndefined();
    const created = r.body.data!.createWebhookSubscription;
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.subscription).toMatchObject({ url: receiver.url, owner: 'vendor-park', serviceType: 'svc/robo-advisor', checkedOn: day });
    sub = { id: created.subscription.id, secret: created.secret };
    expect((await post(LIST, {}, vendor.key)).body.data!.webhookSubscriptions.map((s: { id: string }) => s.id)).toEqual([sub.id]);
    expect((await post(LIST, {}, otherVendor.key)).body.data!.webhookSubscriptions).toEqual([]);
    const del = await post(DELETE, { id: sub.id }, otherVendor.key);
    expect(del.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const log = await post(DELIVERIES, { s: sub.id }, otherVendor.key);
    expect(log.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'subscription' });
    const other = (await post(CREATE, { input: { ...input(), url: receiver2.url } }, otherVendor.key)).body.data!.createWebhookSubscription;
    sub2 = { id: other.subscription.id, secret: other.secret };
    expect(sub2.secret).not.toBe(sub.secret);
  });
});

describe('deliveries', () => {
  it('an apply that changes the report: exactly one signed delivery listing the changes', async () => {
    const applied = await apply(1, '2026-02-01');
    await waitFor(() => receiver.received.length >= 1);
    await sleep(1500);
    expect(receiver.received).toHaveLength(1);
    const x = receiver.received[0]!;
    expect(verify(sub.secret, x)).toBe(true);
    expect(verify(sub.secret, { ...x, body: x.body.replace('webhook-test-1', 'webhook-test-9') })).toBe(false);
    const body = bodies()[0]!;
    expect(x.headers['x-regkg-delivery']).toBe(body.id);
    expect(body.trigger.kind).toBe('CHANGE_SET');
    expect(body.trigger.changeSets!.map((c) => c.id)).toEqual([applied.changeSetId]);
    expect(body.changes).toContainEqual(expect.objectContaining({ event: 'NEW', obligationId: 'obl/fcpa/webhook-test-1', on: '2026-02-01', kind: 'NEW_OBLIGATION', after: 'APPLIES' }));
    const log = (await post(DELIVERIES, { s: sub.id }, vendor.key)).body.data!.webhookDeliveries;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ id: body.id, status: 'DELIVERED', attempts: 1, lastStatusCode: 200, trigger: 'CHANGE_SET', changeSets: [applied.changeSetId] });
    // The other vendor's subscription on the same report: its own delivery, signed with its own secret.
    await waitFor(() => receiver2.received.length >= 1);
    expect(receiver2.received).toHaveLength(1);
    expect(verify(sub2.secret, receiver2.received[0]!)).toBe(true);
    expect(verify(sub.secret, receiver2.received[0]!)).toBe(false);
    expect(receiver2.received[0]!.headers['x-regkg-delivery']).not.toBe(body.id);
    expect((await post(DELETE, { id: sub2.id }, otherVendor.key)).body.data!.deleteWebhookSubscription).toBe(true);
  });

  it('re-applying the same file (a no-op) delivers nothing', async () => {
    expect((await apply(1, '2026-02-01')).noop).toBe(true);
    await sleep(1500);
    expect(receiver.received).toHaveLength(1);
  });

  it('a receiver answering 500 gets the same delivery again, and the log shows both attempts', async () => {
    receiver.plan.push({ status: 500 });
    await apply(2, '2026-03-01');
    await waitFor(() => receiver.received.length >= 3);
    const [first, second] = receiver.received.slice(1);
    expect(first!.headers['x-regkg-delivery']).toBe(second!.headers['x-regkg-delivery']);
    expect([first!.answered, second!.answered]).toEqual([500, 200]);
    expect(verify(sub.secret, second!)).toBe(true);
    const id = String(second!.headers['x-regkg-delivery']);
    await waitFor(async () => (await post(DELIVERIES, { s: sub.id }, vendor.key)).body.data!.webhookDeliveries.find((d: { id: string }) => d.id === id)?.status === 'DELIVERED');
    const d = (await post(DELIVERIES, { s: sub.id }, vendor.key)).body.data!.webhookDeliveries.find((x: { id: string }) => x.id === id);
    expect(d).toMatchObject({ attempts: 2, lastStatusCode: 200 });
    expect(d.log.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 200]);
    expect(receiver.deliveredOnce(id)).toBe(1);
    const metrics = await (await fetch(`${stack.gatewayUrl}metrics`)).text();
    expect(metrics).toMatch(/regkg_webhook_deliveries_total\{outcome="retry"\} [1-9]/);
    expect(metrics).toMatch(/regkg_webhook_deliveries_total\{outcome="delivered"\} [1-9]/);
    expect(metrics).toMatch(/regkg_webhook_outbox_entries_total\{trigger="change_set"\} [1-9]/);
  });

  it('a hung receiver does not hold up the apply', async () => {
    receiver.plan.push('hang');
    const before = receiver.received.length;
    const applied = await apply(3, '2026-04-01');
    // The apply's answer does not wait for the POST: the receiver has not answered when it returns.
    expect(applied.ms).toBeLessThan(3000);
    await waitFor(() => receiver.received.length > before);
    expect(receiver.received[before]!.answered).toBeNull();
    // After WEBHOOK_TIMEOUT_MS the attempt fails and the retry is delivered.
    await waitFor(() => receiver.received.some((x, i) => i > before && x.answered === 200));
    expect(receiver.deliveredOnce(String(receiver.received[before]!.headers['x-regkg-delivery']))).toBe(1);
  });
});

describe('applies that do not go through the server', () => {
  it('an operator applying with the CLI straight to Neo4j: found by the poll, delivered once', async () => {
    const before = receiver.received.length;
    await applyObligationAmendment(stack.driver, amendment(9, '2026-09-01'));
    await waitFor(() => receiver.received.length > before);
    await sleep(1500);
    expect(receiver.received.slice(before)).toHaveLength(1);
    expect(bodies()[before]!.changes).toContainEqual(expect.objectContaining({ event: 'NEW', obligationId: 'obl/fcpa/webhook-test-9', on: '2026-09-01' }));
  });
});

describe('several servers on one database (cluster workers, instances)', () => {
  it('one delivery per change set however many processes look', async () => {
    const second = await startStack({ env: ENV, overrides: withClock(), reset: false });
    try {
      const before = receiver.received.length;
      // Applied through the second server: the first notices by polling, the second at once.
      const r = await fetch(second.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': writer.key },
        body: JSON.stringify({ query: APPLY, variables: { files: [{ name: 'webhook-8.yaml', content: obligationAmendmentYaml(amendment(8, '2026-08-01')) }] } }),
      });
      expect(((await r.json()) as Body).data!.applySeed.ok).toBe(true);
      await waitFor(() => receiver.received.length > before);
      await sleep(2000);
      const ids = receiver.received.slice(before).map((x) => x.headers['x-regkg-delivery']);
      expect(ids).toHaveLength(1);
      expect(receiver.deliveredOnce(String(ids[0]))).toBe(1);
    } finally {
      await second.stop();
    }
  }, 60_000);
});

describe('the outbox survives a restart', () => {
  it('stopped while the entry is being retried: the next server delivers it exactly once', async () => {
    receiver.fallback = { status: 503 };
    const before = receiver.received.length;
    await apply(4, '2026-05-01');
    await waitFor(() => receiver.received.length >= before + 2);
    await stack.stop();
    const id = String(receiver.received[before]!.headers['x-regkg-delivery']);
    expect(receiver.deliveredOnce(id)).toBe(0);
    receiver.fallback = { status: 200 };
    stack = await startStack({ env: ENV, overrides: withClock(), reset: false });
    await waitFor(() => receiver.deliveredOnce(id) === 1);
    await sleep(1500);
    expect(receiver.deliveredOnce(id)).toBe(1);
    const d = (await post(DELIVERIES, { s: sub.id }, vendor.key)).body.data!.webhookDeliveries.find((x: { id: string }) => x.id === id);
    expect(d.status).toBe('DELIVERED');
    expect(d.log.at(-1).statusCode).toBe(200);
  }, 60_000);

  it('stopped during a POST: the POST is finished and recorded, and not sent again', async () => {
    receiver.plan.push({ status: 200, delayMs: 800 });
    const before = receiver.received.length;
    await apply(5, '2026-06-01');
    await waitFor(() => receiver.received.length > before);
    await stack.stop();
    const id = String(receiver.received[before]!.headers['x-regkg-delivery']);
    expect(receiver.deliveredOnce(id)).toBe(1);
    stack = await startStack({ env: ENV, overrides: withClock(), reset: false });
    await sleep(2000);
    expect(receiver.received.filter((x) => x.headers['x-regkg-delivery'] === id)).toHaveLength(1);
  }, 60_000);
});

describe('dated changes', () => {
  it('a change announced for a later day is delivered again when that day comes', async () => {
    const soon = '2027-01-15';
    const before = receiver.received.length;
    await apply(6, soon);
    await waitFor(() => receiver.received.length > before);
    expect(bodies()[before]!.changes).toContainEqual(expect.objectContaining({ event: 'NEW', obligationId: 'obl/fcpa/webhook-test-6', on: soon }));
    day = '2027-01-16';
    await waitFor(() => bodies().some((b) => b.trigger.kind === 'DATE'));
    const dated = bodies().filter((b) => b.trigger.kind === 'DATE');
    expect(dated).toHaveLength(1);
    expect(dated[0]!.trigger.date).toBe('2027-01-16');
    expect(dated[0]!.changes).toContainEqual(expect.objectContaining({ event: 'IN_EFFECT', obligationId: 'obl/fcpa/webhook-test-6', on: soon }));
    // Nothing else: only what was announced and fell due between the two days (the window moving is no news).
    for (const c of dated[0]!.changes) expect(c.event === 'IN_EFFECT' && c.on > today() && c.on <= day, JSON.stringify(c)).toBe(true);
    await sleep(1500);
    expect(bodies().filter((b) => b.trigger.kind === 'DATE')).toHaveLength(1);
  });

  it('deleting the subscription stops its deliveries', async () => {
    expect((await post(DELETE, { id: sub.id }, vendor.key)).body.data!.deleteWebhookSubscription).toBe(true);
    expect((await post(LIST, {}, vendor.key)).body.data!.webhookSubscriptions).toEqual([]);
    const before = receiver.received.length;
    await apply(7, '2026-07-01');
    await sleep(1500);
    expect(receiver.received).toHaveLength(before);
  });
});
