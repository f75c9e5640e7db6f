import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to one request. */
export type Fault = 'pass' | 'drop_request' | 'drop_response' | 'status_500' | 'status_503' | 'status_429' | 'delay';

/** pass: forward everything; faults: the seeded mix; closed: every connection is cut (offline). */
export type ProxyMode = 'pass' | 'faults' | 'closed';

/** Weights of the seeded mix: half the requests pass, the rest is spread over the faults. */
const MIX: [Fault, number][] = [
  ['pass', 50],
  ['drop_request', 10],
  ['drop_response', 12],
  ['status_500', 6],
  ['status_503', 6],
  ['status_429', 6],
  ['delay', 10],
];

/** mulberry32: a small seeded PRNG, so a seed replays the same fault sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick(random: () => number): Fault {
  const total = MIX.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [fault, weight] of MIX) if ((roll -= weight) < 0) return fault;
  return 'pass';
}

export interface FaultProxy {
  url: string;
  mode: ProxyMode;
  /** How often each fault was applied, by name. */
  counts: Record<Fault, number>;
  /** Round-robins over these API origins (one, or two API processes on one PostgreSQL database). */
  setUpstreams(urls: string[]): void;
  close(): Promise<void>;
}

/**
 * An HTTP proxy on loopback in front of the API. In 'faults' mode each request under /v1/ meets a
 * seeded fault: cut before it reaches the API, cut after the API answered (and committed), a 500,
 * 503 or 429 with Retry-After, or a delay. It is also the "tiny round-robin proxy" over two API
 * processes, so one browser sees both.
 */
export async function startFaultProxy(seed: number, upstreams: string[]): Promise<FaultProxy> {
  const random = seededRandom(seed);
  let targets = upstreams.map((u) => new URL(u));
  let next = 0;
  const counts = Object.fromEntries(MIX.map(([fault]) => [fault, 0])) as Record<Fault, number>;
  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, cutAfter: boolean) => {
    const target = targets[next++ % targets.length]!;
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          // The API has answered, so it has committed: the client never learns it did.
          if (cutAfter) return void req.socket.destroy();
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(chunks));
        });
      },
    );
    upstream.on('error', () => req.socket.destroy());
    upstream.end(body);
  };
  const proxy: FaultProxy = {
    url: '',
    mode: 'pass',
    counts,
    setUpstreams: (urls) => void (targets = urls.map((u) => new URL(u))),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (proxy.mode === 'closed') return void req.socket.destroy();
      const fault: Fault = proxy.mode === 'faults' && req.url?.startsWith('/v1/') ? pick(random) : 'pass';
      counts[fault] += 1;
      const answer = (status: number, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify({ error: { code: 'chaos', message: `injected ${status}` } }));
      };
      switch (fault) {
        case 'drop_request':
          return void req.socket.destroy();
        case 'drop_response':
          return forward(req, res, body, true);
        case 'status_500':
          return answer(500);
        case 'status_503':
          return answer(503);
        case 'status_429':
          return answer(429, { 'retry-after': String(1 + Math.floor(random() * 2)) });
        case 'delay':
          return void setTimeout(() => forward(req, res, body, false), 100 + Math.floor(random() * 1_500));
        default:
          return forward(req, res, body, false);
      }
    });
  });
  // A cut socket mid-keep-alive is expected here; it must not crash the harness.
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
