import { required, uuidv7, verifyDisputeExport } from '@settle/contracts';
import { eventually } from '@settle/testing';
import http from 'node:http';
import { Client } from 'pg';
import {
  evidenceStore,
  form,
  listKeys,
  mp4,
  pdf,
  putObject,
  storeClient,
} from '../../apps/dispute-intake/src/evidence/testing/evidence-fixtures';
import { disputeRequest } from './support/factories';
import { FRESH_CONNECTION, SettleCluster } from './support/settle-cluster';

const MIB = 1024 * 1024;

/**
 * dispute-intake killed (SIGKILL) in the middle of an evidence upload: the object is written before its row and
 * event, in one transaction after it, so a crash leaves neither a row nor an event without its object; an object
 * without its row (a crash between the two writes) is deleted by the sweeper of the restarted service.
 */
describe('an evidence upload cut by kill -9 of dispute-intake', () => {
  let cluster: SettleCluster;
  let store: Awaited<ReturnType<typeof evidenceStore>>;
  let prefix: string;

  beforeAll(async () => {
    store = await evidenceStore('e2e-evidence-crash');
    prefix = `e2e-crash-${uuidv7()}/`;
    cluster = await SettleCluster.start('evidence-crash', {
      services: ['dispute-intake'],
      env: {
        ...store.env,
        EVIDENCE_S3_PREFIX: prefix,
        EVIDENCE_ORPHAN_GRACE_MS: '3000',
        EVIDENCE_SWEEP_INTERVAL_MS: '500',
      },
    });
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
    await store?.stop();
  });

  async function intakeRows(sql: string, params: unknown[]): Promise<number> {
    const client = new Client({ connectionString: cluster.databaseUrl });
    await client.connect();
    try {
      await client.query(`SET search_path TO "${cluster.schemaOf('dispute-intake')}"`);
      const result = await client.query<{ count: number }>(sql, params);
      return required(result.rows[0], 'the count').count;
    } finally {
      await client.end();
    }
  }

  it('leaves no row and no event; the restarted service sweeps an object without its row and takes uploads again', async () => {
    const platform = await cluster.createKey('platform');
    const opened = await cluster.call('dispute-intake', 'POST', '/v1/disputes', {
      key: platform,
      body: disputeRequest({ sellerId: 'S-CRASH' }),
      headers: { 'idempotency-key': uuidv7() },
    });
    expect(opened.status).toBe(201);
    const disputeId = opened.body.id as string;

    // A 40 MiB video, sent slowly enough that the kill lands in the middle of it.
    const boundary = `----settle${uuidv7()}`;
    const sent = { bytes: 0 };
    const cut = new Promise<string>((resolve) => {
      const request = http.request(`${cluster.url('dispute-intake')}/v1/disputes/${disputeId}/evidence`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${platform}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'transfer-encoding': 'chunked',
        },
      });
      request.on('error', (error) => resolve(error.message));
      request.on('response', (response) => resolve(`answered ${String(response.statusCode)}`));
      request.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nVIDEO\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="unboxing.mp4"\r\n\r\n`,
      );
      const video = mp4(40 * MIB);
      const pump = () => {
        if (request.destroyed || sent.bytes >= video.length) return;
        const chunk = video.subarray(sent.bytes, sent.bytes + 256 * 1024);
        sent.bytes += chunk.length;
        if (request.write(chunk)) setTimeout(pump, 2);
        else request.once('drain', pump);
      };
      pump();
    });
    await eventually(() => sent.bytes > 12 * MIB, { what: '12 MiB of the video on its way', timeoutMs: 30_000 });
    await cluster.kill('dispute-intake');
    expect(await cut).not.toMatch(/^answered/);
    expect(sent.bytes).toBeLessThan(40 * MIB);

    await cluster.startService('dispute-intake');
    expect(
      await intakeRows(`SELECT count(*)::int AS count FROM dispute_evidence WHERE dispute_id = $1`, [disputeId]),
    ).toBe(0);
    expect(
      await intakeRows(`SELECT count(*)::int AS count FROM outbox WHERE payload LIKE '%evidence.added%'`, []),
    ).toBe(0);
    const exported = await cluster.call('dispute-intake', 'GET', `/v1/disputes/${disputeId}/export`, { key: platform });
    expect(exported.body.events.map((link: { type: string }) => link.type)).toEqual(['dispute.opened']);
    expect(verifyDisputeExport(exported.body).ok).toBe(true);

    // What a crash between the object and its row leaves: an object no row names. The sweeper deletes it.
    const s3 = storeClient(store.env);
    const orphan = `${prefix}evidence/${disputeId}/${uuidv7()}`;
    await putObject(s3, orphan, pdf());
    await eventually(async () => (await listKeys(s3, `${prefix}evidence/${disputeId}/`)).length === 0, {
      what: 'the object without a row swept',
      timeoutMs: 20_000,
    });

    // The restarted service takes the upload again, whole; the sweeper leaves a recorded object alone.
    const response = await fetch(`${cluster.url('dispute-intake')}/v1/disputes/${disputeId}/evidence`, {
      method: 'POST',
      headers: { ...FRESH_CONNECTION, authorization: `Bearer ${platform}` },
      body: form([{ kind: 'VIDEO', file: mp4(2 * MIB) }]),
    });
    expect(response.status).toBe(201);
    const { items } = (await response.json()) as { items: { evidenceId: string }[] };
    // A second orphan, stored after the upload: once a sweep has deleted it, that sweep saw the recorded object past
    // its grace period too, and left it.
    const kept = `${prefix}evidence/${disputeId}/${items[0]?.evidenceId}`;
    const later = `${prefix}evidence/${disputeId}/${uuidv7()}`;
    await putObject(s3, later, pdf());
    await eventually(async () => !(await listKeys(s3, `${prefix}evidence/${disputeId}/`)).includes(later), {
      what: 'the later object without a row swept',
      timeoutMs: 20_000,
    });
    expect(await listKeys(s3, `${prefix}evidence/${disputeId}/`)).toEqual([kept]);
  }, 150_000);
});
