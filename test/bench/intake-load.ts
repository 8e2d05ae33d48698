/**
 * The load generator of the intake benchmark, in a process of its own (started by intake.ts over IPC), so the
 * measuring process's own work never delays a request: `CONCURRENCY` keep-alive connections, each sending
 * `POST /v1/disputes` (a new order and a new Idempotency-Key every time) back to back. Node's http client rather
 * than fetch: it costs the shared cores less per request, as pgbench's C client does on the other side.
 *
 * Protocol: the parent sends { run: { seconds } } (one measured round) or { warmUp: n } or { stop: true }; the
 * child answers { done: { latencies, seconds, cpuMs } } or { warmedUp: true }.
 */
import { uuidv7 } from '@settle/contracts';
import { openDisputeBody } from '@settle/contracts/testing';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';

const BASE_URL = process.env.BENCH_BASE_URL ?? '';
const KEY = process.env.BENCH_API_KEY ?? '';
const CONCURRENCY = Number(process.env.BENCH_INTAKE_CONCURRENCY ?? 16);
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const url = new URL('/v1/disputes', BASE_URL);
let counter = 0;

function body(n: number): string {
  const now = Date.now();
  return JSON.stringify(
    openDisputeBody(
      {
        orderId: `BENCH-${n}-${randomBytes(4).toString('hex')}`,
        buyerId: 'B-BENCH',
        sellerId: 'S-BENCH',
        listingId: 'L-BENCH',
      },
      {
        paidAt: new Date(now - 13 * 86_400_000).toISOString(),
        shippedAt: new Date(now - 12 * 86_400_000).toISOString(),
        buyerCountry: 'FR',
        sellerCountry: 'CN',
      },
    ),
  );
}

/** One POST; resolves with its latency in ms (from the request's start to the response's last byte). */
function post(): Promise<number> {
  counter += 1;
  const payload = body(counter);
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${KEY}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          'idempotency-key': uuidv7(),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          if (response.statusCode !== 201) reject(new Error(`POST /v1/disputes answered ${response.statusCode}`));
          else resolve(Number(process.hrtime.bigint() - started) / 1e6);
        });
        response.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function round(seconds: number) {
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const until = Date.now() + seconds * 1000;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < until) latencies.push(await post());
    }),
  );
  const used = process.cpuUsage(cpu);
  return {
    latencies,
    seconds: Number(process.hrtime.bigint() - start) / 1e9,
    cpuMs: (used.user + used.system) / 1000,
  };
}

process.on('message', (message: { run?: { seconds: number }; warmUp?: number; stop?: boolean }) => {
  const reply = (value: unknown) => process.send?.(value);
  if (message.stop) {
    agent.destroy();
    process.exit(0);
  }
  if (message.warmUp !== undefined) {
    const n = message.warmUp;
    void (async () => {
      for (let i = 0; i < n; i += 1) await post();
      reply({ warmedUp: true });
    })().catch((error: Error) => reply({ error: error.message }));
  }
  if (message.run) {
    round(message.run.seconds).then(
      (done) => reply({ done }),
      (error: Error) => reply({ error: error.message }),
    );
  }
});
process.send?.({ ready: true });
