/**
 * A webhook receiver on loopback for the tests: records every POST (headers and raw body) and
 * answers as the test says — a status, a delay, or never (a hung receiver).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  /** What the receiver answered (null: it never did). */
  answered: number | null;
  at: number;
}

export type Behaviour = { status: number; delayMs?: number } | 'hang';

export interface Receiver {
  url: string;
  received: Received[];
  /** Answers for the next requests, in order; after them, `fallback`. */
  plan: Behaviour[];
  fallback: Behaviour;
  /** Bodies of the requests answered 2xx, by delivery id. */
  deliveredOnce(id: string): number;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const hung = new Set<http.ServerResponse>();
  const r: Receiver = {
    url: '',
    received: [],
    plan: [],
    fallback: { status: 200 },
    deliveredOnce: (id) => r.received.filter((x) => x.headers['x-regkg-delivery'] === id && x.answered !== null && x.answered < 300).length,
    close: async () => {
      for (const res of hung) res.destroy();
      await new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
    },
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const entry: Received = { headers: req.headers, body, answered: null, at: Date.now() };
      r.received.push(entry);
      const b = r.plan.shift() ?? r.fallback;
      if (b === 'hang') {
        hung.add(res);
        return;
      }
      setTimeout(() => {
        entry.answered = b.status;
        res.writeHead(b.status, { 'content-type': 'text/plain' }).end('ok');
      }, b.delayMs ?? 0);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const addr = server.address();
  r.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/hooks/regkg`;
  return r;
}

/** What a receiver does: HMAC-SHA256 with the subscription's secret over "<timestamp>.<raw body>", compared in constant time. */
export function verify(secret: string, x: Received): boolean {
  const ts = String(x.headers['x-regkg-timestamp'] ?? '');
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${ts}.${x.body}`).digest('hex')}`);
  const given = Buffer.from(String(x.headers['x-regkg-signature'] ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
