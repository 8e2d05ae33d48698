import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { required } from '@settle/contracts';
import { eventually, infrastructureFromEnv } from '@settle/testing';

/**
 * `npm start` as a newcomer runs it (deploy/scripts/start.ts, which the npm script execs): its own Kafka (verified as
 * the broker answering on the printed address), the build, migrations, the four services as separate processes, the
 * demo seed, and the printout; a service killed with SIGKILL is started again, not the stack stopped; then Ctrl-C,
 * which must leave no process behind.
 */
describe('npm start', () => {
  let child: ChildProcessWithoutNullStreams;
  let output = '';

  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('brings the four services up, prints their URLs, docs, demo keys and demo dispute, and stops everything on Ctrl-C', async () => {
    const { databaseUrl } = infrastructureFromEnv();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SETTLE_BASE_PORT: '13001',
      SETTLE_KAFKA_NAME: 'npm-start-spec',
      LOG_LEVEL: 'warn',
    };
    delete env.KAFKA_BROKERS; // its own broker, started and stopped by `npm start`
    child = spawn('node', ['node_modules/tsx/dist/cli.mjs', 'deploy/scripts/start.ts'], { env });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

    await eventually(() => output.includes('Press Ctrl-C to stop everything.'), {
      timeoutMs: 240_000,
      intervalMs: 500,
      what: () => `npm start to finish starting; output so far:\n${output}`,
    });

    const bases = [...output.matchAll(/(http:\/\/127\.0\.0\.1:\d+)\s+docs (\S+)/g)].map((match) => ({
      base: required(match[1], 'the base URL'),
      docs: required(match[2], 'the docs URL'),
    }));
    expect(bases.map((entry) => entry.base)).toEqual(
      [13001, 13002, 13003, 13004].map((port) => `http://127.0.0.1:${port}`),
    );
    for (const { base, docs } of bases) {
      expect((await fetch(`${base}/health/ready`)).status).toBe(200);
      expect((await fetch(docs)).status).toBe(200);
    }

    const keys = [...output.matchAll(/^\s+(platform|seller|staff|lead)\s+(?:\(seller \S+\) )?(stl_\S+)$/gm)].map(
      (match) => ({ role: match[1], key: required(match[2], 'the key') }),
    );
    expect(keys.map((key) => key.role).sort()).toEqual(['lead', 'platform', 'seller', 'staff']);
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      for (const { role, key } of keys) {
        const { rows } = await client.query('SELECT role FROM auth.api_keys WHERE key_hash = $1', [
          createHash('sha256').update(key).digest('hex'),
        ]);
        expect(rows).toEqual([{ role }]);
      }
    } finally {
      await client.end();
    }

    // The demo dispute, opened through dispute-intake, is the demo seller's to see.
    const disputeId = /dispute (\S+)\.$/m.exec(output)?.[1];
    const sellerKey = keys.find((key) => key.role === 'seller')?.key;
    const intake = required(bases[1], "dispute-intake's base URL").base;
    const demo = await fetch(`${intake}/v1/disputes/${disputeId}`, {
      headers: { authorization: `Bearer ${sellerKey}` },
    });
    expect(demo.status).toBe(200);
    expect(await demo.json()).toMatchObject({ id: disputeId, sellerId: 'S-DEMO-1', orderId: 'O-DEMO-1' });

    const kafkaPid = Number(/local Apache Kafka [\d.]+, KRaft, pid (\d+), cluster \S+, verified/.exec(output)?.[1]);
    expect(kafkaPid).toBeGreaterThan(0);

    // A crash is restarted with a line saying so, and the service is back within seconds; the rest keeps running.
    const crashed = listeningPid(13002);
    process.kill(crashed, 'SIGKILL');
    await eventually(
      () => /settle: dispute-intake was killed by SIGKILL after [\d.]+ s; restarting it in 1\.0 s/.test(output),
      {
        what: () => `the restart line; output so far:\n${output}`,
      },
    );
    await eventually(async () => (await fetch(`${intake}/health/ready`).catch(() => undefined))?.status === 200, {
      timeoutMs: 15_000,
      intervalMs: 100,
      what: 'dispute-intake to be ready again',
    });
    const restarted = listeningPid(13002);
    expect(restarted).not.toBe(crashed);
    expect(child.exitCode).toBeNull();

    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(0);
    expect(isAlive(kafkaPid)).toBe(false);
    expect(isAlive(restarted)).toBe(false);
    for (const { base } of bases) await expect(fetch(`${base}/health/live`)).rejects.toThrow();
  }, 300_000);
});

/** The pid of the process listening on 127.0.0.1:port (Linux `ss`). */
function listeningPid(port: number): number {
  const ss = spawnSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
  const pid = Number(/pid=(\d+)/.exec(ss.stdout)?.[1]);
  if (!pid) throw new Error(`nothing listens on ${port}: ${ss.stdout}${ss.stderr}`);
  return pid;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
