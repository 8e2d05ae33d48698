import { eventually } from '@settle/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { freePort } from '../../../deploy/infra/kafka';

/** The fixture service (spec-fixtures.ts) run as `WEB_CONCURRENCY` processes; its output kept for the assertions. */
function start(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number> } {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'spec-fixtures.ts'), 'cluster'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? -1)));
  return { child, output: () => output, exited };
}

/** One request on a connection of its own (workers take connections in turn); resolves with the body. */
function get(port: number, path = '/'): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A port free now (a random one could be an ephemeral port another test's broker or service holds). */
const port = (): Promise<number> => freePort();

describe('WEB_CONCURRENCY workers (runClusterPrimary)', () => {
  it('serves one port from N processes and stops them all gracefully on SIGTERM', async () => {
    const fixturePort = await port();
    const service = start({ WEB_CONCURRENCY: '2', FIXTURE_PORT: String(fixturePort) });
    const pids = new Set<string>();
    await eventually(
      async () => {
        pids.add(await get(fixturePort));
        return pids.size === 2;
      },
      { timeoutMs: 30_000, what: 'answers from two worker processes' },
    );
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    for (const pid of pids) expect(service.output()).toContain(`stopped ${pid}`);
  });

  it('answers /metrics on any worker with every worker’s metrics summed', async () => {
    const fixturePort = await port();
    const service = start({ WEB_CONCURRENCY: '2', FIXTURE_PORT: String(fixturePort) });
    const pids = new Set<string>();
    let answered = 0;
    await eventually(
      async () => {
        pids.add(await get(fixturePort));
        answered += 1;
        return pids.size === 2;
      },
      { timeoutMs: 30_000, what: 'answers from two worker processes' },
    );
    for (let i = 0; i < 4; i += 1) {
      const metrics = await get(fixturePort, '/metrics');
      expect(metrics).toMatch(new RegExp(`^fixture_requests_total ${answered}$`, 'm'));
    }
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
  });

  it('replaces a worker that crashed after it listened', async () => {
    const fixturePort = await port();
    const service = start({ WEB_CONCURRENCY: '2', FIXTURE_PORT: String(fixturePort) });
    const first = new Set<string>();
    await eventually(
      async () => {
        first.add(await get(fixturePort));
        return first.size === 2;
      },
      { timeoutMs: 30_000, what: 'two workers' },
    );
    await get(fixturePort, '/crash').catch(() => undefined);
    const later = new Set<string>();
    await eventually(
      async () => {
        later.add(await get(fixturePort).catch(() => ''));
        return [...later].filter((pid) => pid && !first.has(pid)).length === 1 && later.size >= 2;
      },
      { timeoutMs: 30_000, what: 'a new worker beside the survivor' },
    );
    expect(service.output()).toMatch(/exited \(1\); starting another/);
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
  });

  it('stops with the exit code of a worker that failed before it listened', async () => {
    const service = start({ WEB_CONCURRENCY: '2', FIXTURE_PORT: String(await port()), FIXTURE_FAIL: '3' });
    expect(await service.exited).toBe(3);
    expect(service.output()).toMatch(/before listening; stopping/);
  });

  it('is the single process itself when WEB_CONCURRENCY is 1', async () => {
    const fixturePort = await port();
    const service = start({ WEB_CONCURRENCY: '1', FIXTURE_PORT: String(fixturePort) });
    const pid = await eventually(async () => get(fixturePort), { timeoutMs: 30_000, what: 'the service' });
    expect(pid).toBe(String(service.child.pid));
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
  });
});
