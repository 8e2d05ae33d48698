import { createEnvelope, Topics, uuidv7, verifyDisputeExport, type MessagePostedPayload } from '@settle/contracts';
import { eventSamples } from '@settle/contracts/testing';
import { eventually } from '@settle/testing';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { idempotencyKey, openBody, OPENED_AT, startIntake, type IntakeHarness } from '../testing/intake-harness';
import { EvidenceSweeper } from './evidence-sweeper';
import {
  evidenceStore,
  executable,
  form,
  getObject,
  jpegWithGps,
  listKeys,
  mp4,
  pdf,
  png,
  putObject,
  storeClient,
  webp,
  type Part,
} from './testing/evidence-fixtures';

const KIB = 1024;
const sha256 = (bytes: Buffer | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('dispute-intake: evidence files in the object store and the hash chain', () => {
  let h: IntakeHarness;
  let store: Awaited<ReturnType<typeof evidenceStore>>;
  let s3: ReturnType<typeof storeClient>;
  let prefix: string;

  beforeAll(async () => {
    store = await evidenceStore('jest-evidence');
    h = await startIntake('intake_evidence', {
      env: {
        ...store.env,
        EVIDENCE_MAX_FILE_BYTES: String(1024 * KIB),
        EVIDENCE_MAX_VIDEO_BYTES: String(3 * 1024 * KIB),
        EVIDENCE_MAX_DISPUTE_BYTES: String(8 * 1024 * KIB),
        EVIDENCE_SWEEP_INTERVAL_MS: '0',
        EVIDENCE_PRESERVE_URLS: 'true',
        EVIDENCE_URL_ALLOWLIST: '127.0.0.1',
        EVIDENCE_URL_TIMEOUT_MS: '5000',
      },
      watch: [Topics.DISPUTE_EVENTS],
    });
    h.setNow(OPENED_AT);
    s3 = storeClient(store.env);
    prefix = h.env.env.EVIDENCE_S3_PREFIX ?? '';
    expect(prefix).not.toBe('');
  });

  afterAll(async () => {
    await h?.close();
    await store?.stop();
  });

  async function openDispute(): Promise<string> {
    // NOT_RECEIVED needs no evidence: the disputes of these tests hold only what the tests upload.
    const body = openBody({ reason: 'NOT_RECEIVED', subReason: 'IN_TRANSIT_OVERDUE', evidence: [] });
    const opened = await h.api('POST', '/v1/disputes', h.keys.platform, body, idempotencyKey());
    expect(opened.status).toBe(201);
    return opened.body.id as string;
  }

  async function upload(disputeId: string, key: string, parts: Part[]) {
    const response = await fetch(`${h.service.baseUrl}/v1/disputes/${disputeId}/evidence`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body: form(parts),
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: JSON.parse(text) };
  }

  async function download(path: string, key: string) {
    const response = await fetch(`${h.service.baseUrl}${path}`, { headers: { authorization: `Bearer ${key}` } });
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  /** What a refused request must not leave: objects, rows, chain links, events. */
  async function nothingStored(disputeId: string) {
    expect(await listKeys(s3, `${prefix}evidence/${disputeId}/`)).toEqual([]);
    const [{ rows } = { rows: NaN }] = await h.dataSource.query<{ rows: number }[]>(
      `SELECT count(*)::int AS rows FROM dispute_evidence WHERE dispute_id = $1`,
      [disputeId],
    );
    expect(rows).toBe(0);
    // No event: none waiting in the outbox, none published.
    const [{ events } = { events: NaN }] = await h.dataSource.query<{ events: number }[]>(
      `SELECT count(*)::int AS events FROM outbox WHERE message_key = $1 AND payload LIKE '%evidence.added%'`,
      [disputeId],
    );
    expect(events).toBe(0);
    expect(
      h.kafka.events(Topics.DISPUTE_EVENTS).filter((e) => e.type === 'evidence.added' && e.subject === disputeId),
    ).toEqual([]);
  }

  it('stores each allowed type, serves it back with the recorded hash, chains and publishes evidence.added', async () => {
    const disputeId = await openDispute();
    const photo = await jpegWithGps();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const files: Part[] = [
      { kind: 'PHOTO', note: 'The lot as it arrived: 6 pendants.', file: photo, name: 'IMG_0001.jpg' },
      { kind: 'PHOTO', file: await png(), name: 'label.png' },
      { kind: 'DOCUMENT', file: await webp(), name: 'receipt.webp' },
      { kind: 'DOCUMENT', file: pdf(40 * KIB), name: 'invoice.pdf' },
      { kind: 'VIDEO', file: mp4(200 * KIB), name: 'unboxing.mp4' },
    ];
    const created = await upload(disputeId, h.keys.platform, files);
    expect(created.status).toBe(201);
    const items = created.body.items as Record<string, any>[];
    expect(items).toHaveLength(files.length);
    expect(items.map((item) => [item.kind, item.contentType])).toEqual([
      ['PHOTO', 'image/jpeg'],
      ['PHOTO', 'image/png'],
      ['DOCUMENT', 'image/webp'],
      ['DOCUMENT', 'application/pdf'],
      ['VIDEO', 'video/mp4'],
    ]);
    expect(items[0]).toMatchObject({
      note: 'The lot as it arrived: 6 pendants.',
      addedBy: { role: 'BUYER', id: 'B-42' },
      addedAt: new Date(OPENED_AT).toISOString(),
      preserved: true,
      source: 'UPLOAD',
    });

    for (const [index, item] of items.entries()) {
      const { response, bytes } = await download(item.href, h.keys.staff);
      expect(response.status).toBe(200);
      expect(sha256(bytes)).toBe(item.sha256);
      expect(bytes.length).toBe(item.size);
      expect(response.headers.get('content-type')).toBe(item.contentType);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
      const image = item.contentType.startsWith('image/');
      expect(response.headers.get('content-disposition')).toMatch(image ? /^inline;/ : /^attachment;/);
      // PDF and MP4 are stored as sent; images are re-encoded.
      if (!image) expect(bytes.equals(files[index]?.file ?? Buffer.alloc(0))).toBe(true);
      const thumbnail = await download(`/v1/evidence/${item.evidenceId}/thumbnail`, h.keys.platform);
      if (image) {
        expect(thumbnail.response.status).toBe(200);
        expect(thumbnail.response.headers.get('content-type')).toBe('image/webp');
        const meta = await sharp(thumbnail.bytes).metadata();
        expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(320);
      } else {
        expect(thumbnail.response.status).toBe(404);
      }
    }

    // The stored photo has no metadata left: no EXIF (its GPS position), no camera make.
    const stored = (await download(items[0]?.href, h.keys.seller)).bytes;
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(stored.includes(Buffer.from('SettlePhone'))).toBe(false);
    expect(stored.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);

    // The dispute view lists them; the chain carries them and verifies; each is an event on the dispute topic.
    const view = await h.api('GET', `/v1/disputes/${disputeId}`, h.keys.seller);
    expect(view.body.evidenceFiles).toEqual(items);
    const exported = await h.api('GET', `/v1/disputes/${disputeId}/export`, h.keys.staff);
    expect(exported.body.events.map((link: { type: string }) => link.type)).toEqual([
      'dispute.opened',
      ...items.map(() => 'evidence.added'),
    ]);
    expect(exported.body.events[1].data).toMatchObject({ evidenceId: items[0]?.evidenceId, sha256: items[0]?.sha256 });
    expect(verifyDisputeExport(exported.body)).toMatchObject({ ok: true, events: 6 });
    await eventually(
      () =>
        h.kafka
          .events(Topics.DISPUTE_EVENTS)
          .filter((event) => event.type === 'evidence.added' && event.subject === disputeId).length === 5,
      { what: 'five evidence.added events' },
    );
    const event = h.kafka.events(Topics.DISPUTE_EVENTS).find((e) => e.type === 'evidence.added')!;
    expect(event.data).toMatchObject({ disputeId, addedBy: { role: 'BUYER', id: 'B-42' } });
  });

  it('takes evidence from the owning seller and staff; another seller gets 404 for the dispute and the files', async () => {
    const disputeId = await openDispute();
    const before = await h.api('GET', `/v1/disputes/${disputeId}`, h.keys.seller);
    expect(before.body.evidenceChecklist.missing).toEqual(['SELLER_PROOF_OF_POSTING']);
    const bySeller = await upload(disputeId, h.keys.seller, [{ kind: 'TRACKING', file: pdf(), name: 'proof.pdf' }]);
    expect(bySeller.status).toBe(201);
    // The seller's tracking meets the reason's checklist (NOT_RECEIVED: proof of posting).
    const after = await h.api('GET', `/v1/disputes/${disputeId}`, h.keys.staff);
    expect(after.body.evidenceChecklist).toMatchObject({
      items: [{ id: 'SELLER_PROOF_OF_POSTING', provided: true, evidenceIds: [bySeller.body.items[0].evidenceId] }],
      missing: [],
    });
    expect(bySeller.body.items[0].addedBy).toEqual({ role: 'SELLER', id: 'S-1' });
    const byStaff = await upload(disputeId, h.keys.staff, [{ kind: 'DOCUMENT', file: pdf(), name: 'note.pdf' }]);
    expect(byStaff.status).toBe(201);
    expect(byStaff.body.items[0].addedBy.role).toBe('STAFF');

    const other = await upload(disputeId, h.keys.otherSeller, [{ kind: 'PHOTO', file: await png() }]);
    expect(other.status).toBe(404);
    expect(other.contentType).toMatch(/^application\/problem\+json/);
    const peek = await download(bySeller.body.items[0].href, h.keys.otherSeller);
    expect(peek.response.status).toBe(404);
    expect((await download(bySeller.body.items[0].href, h.keys.platform)).response.status).toBe(200);
  });

  it.each([
    [
      'a renamed executable posing as a JPEG',
      { kind: 'PHOTO', file: executable(), name: 'photo.jpg', type: 'image/jpeg' },
      415,
      'EVIDENCE_TYPE_NOT_ALLOWED',
    ],
    ['an empty file', { kind: 'PHOTO', file: Buffer.alloc(0), name: 'empty.jpg' }, 422, 'EVIDENCE_EMPTY_FILE'],
    [
      'a PDF that is not one',
      { kind: 'DOCUMENT', file: Buffer.from('%PDF-1.7\nnot really a document'), name: 'x.pdf' },
      422,
      'EVIDENCE_PDF_INVALID',
    ],
    ['a video posing as a photo', { kind: 'PHOTO', file: mp4(1024), name: 'x.jpg' }, 422, 'EVIDENCE_KIND_MISMATCH'],
    ['a file without its kind', { file: pdf() }, 400, 'VALIDATION_FAILED'],
  ] as [string, Part, number, string][])(
    'refuses %s, naming the rule, and stores nothing',
    async (_name, part, status, code) => {
      const disputeId = await openDispute();
      const refused = await upload(disputeId, h.keys.platform, [part]);
      expect(refused.status).toBe(status);
      expect(refused.contentType).toMatch(/^application\/problem\+json/);
      expect(refused.body.code).toBe(code);
      expect(refused.body.errors[0].field).toMatch(/^files\[0\]/);
      await nothingStored(disputeId);
    },
  );

  it('refuses a truncated image and stores nothing of the request (the good file before it is deleted too)', async () => {
    const disputeId = await openDispute();
    const photo = await jpegWithGps();
    const refused = await upload(disputeId, h.keys.platform, [
      { kind: 'DOCUMENT', file: pdf(), name: 'fine.pdf' },
      { kind: 'PHOTO', file: photo.subarray(0, Math.floor(photo.length / 2)), name: 'cut.jpg' },
    ]);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'EVIDENCE_IMAGE_INVALID', errors: [{ field: 'files[1]' }] });
    await nothingStored(disputeId);
  });

  it('refuses the file that takes the dispute over its total (the seventh), keeping the six before it', async () => {
    const disputeId = await openDispute();
    for (let index = 0; index < 6; index += 1) {
      const added = await upload(disputeId, h.keys.platform, [{ kind: 'VIDEO', file: mp4(1300 * KIB) }]);
      expect(added.status).toBe(201);
    }
    const seventh = await upload(disputeId, h.keys.platform, [{ kind: 'VIDEO', file: mp4(1300 * KIB) }]);
    expect(seventh.status).toBe(413);
    expect(seventh.body).toMatchObject({ code: 'EVIDENCE_DISPUTE_TOTAL_EXCEEDED', limit: 8 * 1024 * KIB });
    expect(await listKeys(s3, `${prefix}evidence/${disputeId}/`)).toHaveLength(6);
    const view = await h.api('GET', `/v1/disputes/${disputeId}`, h.keys.staff);
    expect(view.body.evidenceFiles).toHaveLength(6);
  });

  it('refuses a file over its limit while it streams: the answer comes before the client has sent it all', async () => {
    const disputeId = await openDispute();
    const boundary = `----settle${uuidv7()}`;
    const chunk = Buffer.alloc(256 * KIB, 7);
    const sent = { bytes: 0, stopped: false };
    const answer = await new Promise<{ status: number; body: string; sentWhenAnswered: number }>((resolve, reject) => {
      const request = http.request(`${h.service.baseUrl}/v1/disputes/${disputeId}/evidence`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${h.keys.platform}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'transfer-encoding': 'chunked',
        },
      });
      request.on('error', reject);
      request.on('response', (response) => {
        const sentWhenAnswered = sent.bytes;
        let body = '';
        response.on('data', (data: Buffer) => (body += data.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body, sentWhenAnswered }));
        sent.stopped = true;
        request.end();
      });
      request.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nVIDEO\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="long.mp4"\r\n` +
          'Content-Type: video/mp4\r\n\r\n',
      );
      request.write(mp4(1024));
      // Up to 40 MiB, slowly enough for the answer to overtake it; a stream that is buffered first never answers early.
      const pump = () => {
        if (sent.stopped || sent.bytes > 40 * 1024 * KIB) return;
        sent.bytes += chunk.length;
        if (request.write(chunk)) setImmediate(pump);
        else request.once('drain', pump);
      };
      pump();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'EVIDENCE_FILE_TOO_LARGE', limit: 3 * 1024 * KIB });
    expect(answer.sentWhenAnswered).toBeLessThan(20 * 1024 * KIB);
    await eventually(async () => (await listKeys(s3, `${prefix}evidence/${disputeId}/`)).length === 0, {
      what: 'the partial object deleted',
    });
    await nothingStored(disputeId);
  });

  it('survives a client that hangs up in the middle of an upload, and stores nothing of it', async () => {
    const disputeId = await openDispute();
    const boundary = `----settle${uuidv7()}`;
    const request = http.request(`${h.service.baseUrl}/v1/disputes/${disputeId}/evidence`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${h.keys.platform}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'transfer-encoding': 'chunked',
      },
    });
    request.on('error', () => undefined);
    // 2 MiB of a video on its way, then the connection is cut: the upload in flight is aborted and deleted.
    request.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nVIDEO\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.mp4"\r\n\r\n`,
    );
    request.write(mp4(2048 * KIB));
    await new Promise((resolve) => setTimeout(resolve, 200));
    request.destroy();
    await eventually(async () => (await listKeys(s3, `${prefix}evidence/${disputeId}/`)).length === 0, {
      what: 'nothing left of the cut upload',
    });
    await nothingStored(disputeId);
    const alive = await h.api('GET', `/v1/disputes/${disputeId}`, h.keys.platform);
    expect(alive.status).toBe(200);
    const again = await upload(disputeId, h.keys.platform, [{ kind: 'VIDEO', file: mp4(64 * KIB) }]);
    expect(again.status).toBe(201);
  });

  it('exports an archive whose files verify offline; one flipped byte of one file fails naming it', async () => {
    const disputeId = await openDispute();
    const video = mp4(300 * KIB);
    const added = await upload(disputeId, h.keys.seller, [
      { kind: 'PHOTO', file: await jpegWithGps(), name: 'a.jpg' },
      { kind: 'DOCUMENT', file: pdf(8 * KIB), name: 'b.pdf' },
      { kind: 'VIDEO', file: video, name: 'c.mp4' },
    ]);
    expect(added.status).toBe(201);
    const response = await fetch(`${h.service.baseUrl}/v1/disputes/${disputeId}/export/archive`, {
      headers: { authorization: `Bearer ${h.keys.staff}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-tar');
    const archive = Buffer.from(await response.arrayBuffer());
    // As someone holding the file would run it; asynchronously, so the service in this process keeps serving.
    const verify = (bytes: Buffer) => {
      const file = join(mkdtempSync(join(tmpdir(), 'settle-archive-')), 'dispute.tar');
      writeFileSync(file, bytes);
      return new Promise<{ status: number | null; output: string }>((resolve) => {
        let output = '';
        const child = spawn('npx', ['tsx', 'deploy/scripts/verify-export.ts', file]);
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('close', (status) => resolve({ status, output }));
      });
    };
    const good = await verify(archive);
    expect(good).toMatchObject({ status: 0 });
    expect(good.output).toMatch(/4 events, 3 evidence file\(s\) matching their hashes/);

    // The video is stored as sent: find its bytes in the archive and flip one in the middle.
    const at = archive.indexOf(video.subarray(1000, 1064));
    expect(at).toBeGreaterThan(0);
    const tampered = Buffer.from(archive);
    tampered.writeUInt8(tampered.readUInt8(at + 10) ^ 0x01, at + 10);
    const bad = await verify(tampered);
    expect(bad.status).toBe(1);
    const videoId = added.body.items[2].evidenceId as string;
    expect(bad.output).toContain(`evidence/${videoId}.mp4 does not match the SHA-256`);
    expect(bad.output).not.toContain(`evidence/${added.body.items[1].evidenceId}.pdf`);

    // Another seller cannot export it.
    const other = await fetch(`${h.service.baseUrl}/v1/disputes/${disputeId}/export/archive`, {
      headers: { authorization: `Bearer ${h.keys.otherSeller}` },
    });
    expect(other.status).toBe(404);
  });

  it('preserves evidence named by URL: fetched once and hashed; a 404 and a private address kept unpreserved', async () => {
    const document = pdf(12 * KIB);
    const served: string[] = [];
    const server = http.createServer((request, response) => {
      served.push(request.url ?? '');
      if (request.url === '/invoice.pdf') response.writeHead(200, { 'content-type': 'text/plain' }).end(document);
      else if (request.url === '/moved') response.writeHead(302, { location: '/invoice.pdf' }).end();
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const opened = await h.api(
        'POST',
        '/v1/disputes',
        h.keys.platform,
        openBody({
          evidence: [
            { kind: 'DOCUMENT', url: `${base}/moved` },
            { kind: 'PHOTO', url: `${base}/gone.jpg` },
            { kind: 'PHOTO', url: 'http://10.1.2.3/inside.jpg' },
            { kind: 'DOCUMENT', url: 'http://169.254.169.254/latest/meta-data/' },
          ],
        }),
        idempotencyKey(),
      );
      expect(opened.status).toBe(201);
      const disputeId = opened.body.id as string;
      const files = await eventually(
        async () => {
          const view = await h.api('GET', `/v1/disputes/${disputeId}`, h.keys.staff);
          return view.body.evidenceFiles.length === 4 ? (view.body.evidenceFiles as Record<string, any>[]) : undefined;
        },
        { what: 'the four URLs recorded', timeoutMs: 30_000 },
      );
      const byUrl = new Map(files.map((file) => [file.url as string, file]));
      expect(byUrl.get(`${base}/moved`)).toMatchObject({
        source: 'URL',
        preserved: true,
        contentType: 'application/pdf',
        size: document.length,
        sha256: sha256(document),
        addedBy: { role: 'BUYER', id: 'B-42' },
      });
      const kept = await download(byUrl.get(`${base}/moved`)!.href, h.keys.seller);
      expect(kept.bytes.equals(document)).toBe(true);
      expect(byUrl.get(`${base}/gone.jpg`)).toMatchObject({
        preserved: false,
        unpreservedReason: expect.stringMatching(/404/),
      });
      expect(byUrl.get(`${base}/gone.jpg`)!.href).toBeUndefined();
      expect(byUrl.get('http://10.1.2.3/inside.jpg')).toMatchObject({
        preserved: false,
        unpreservedReason: expect.stringMatching(/private/),
      });
      expect(byUrl.get('http://169.254.169.254/latest/meta-data/')).toMatchObject({
        preserved: false,
        unpreservedReason: expect.stringMatching(/metadata address/),
      });
      // Fetched once each (the redirect is a second request), and in the chain with the rest.
      expect(served.sort()).toEqual(['/gone.jpg', '/invoice.pdf', '/moved']);
      const exported = await h.api('GET', `/v1/disputes/${disputeId}/export`, h.keys.staff);
      expect(verifyDisputeExport(exported.body)).toMatchObject({ ok: true, events: 5 });
    } finally {
      server.close();
    }
  });

  it('preserves a message’s attachment named by URL, added by the message’s author, after the message', async () => {
    const disputeId = await openDispute();
    const document = pdf(6 * KIB);
    const server = http.createServer((_request, response) => response.writeHead(200).end(document));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/packing-list.pdf`;
    try {
      const attachment = { evidenceId: uuidv7(), kind: 'DOCUMENT' as const, url };
      const envelope = createEnvelope<MessagePostedPayload>(
        {
          type: 'message.posted',
          source: 'negotiation',
          subject: disputeId,
          data: {
            ...eventSamples['message.posted'](),
            messageId: uuidv7(),
            disputeId,
            body: 'Here is the packing list.',
            attachments: [attachment],
            postedAt: '2025-07-11T12:30:00Z',
          },
        },
        { validateData: true },
      );
      await h.kafka.produce(Topics.MESSAGE_EVENTS, [{ key: disputeId, value: JSON.stringify(envelope) }]);
      const exported = await eventually(
        async () => {
          const bundle = (await h.api('GET', `/v1/disputes/${disputeId}/export`, h.keys.staff)).body;
          return bundle.events.length === 3 ? bundle : undefined;
        },
        { what: 'the message and its attachment in the chain', timeoutMs: 30_000 },
      );
      expect(exported.events.map((link: { type: string }) => link.type)).toEqual([
        'dispute.opened',
        'message.posted',
        'evidence.added',
      ]);
      expect(exported.events[2].data).toMatchObject({
        evidenceId: attachment.evidenceId,
        source: 'URL',
        url,
        preserved: true,
        sha256: sha256(document),
        addedBy: envelope.data.author,
      });
      expect(verifyDisputeExport(exported).ok).toBe(true);
    } finally {
      server.close();
    }
  });

  it('sweeps an object left without its row (a crash between the two writes), and keeps recorded ones', async () => {
    const disputeId = await openDispute();
    const kept = await upload(disputeId, h.keys.platform, [{ kind: 'DOCUMENT', file: pdf() }]);
    expect(kept.status).toBe(201);
    const orphan = `${prefix}evidence/${disputeId}/${uuidv7()}`;
    await putObject(s3, orphan, pdf());
    const sweeper = h.service.app.get(EvidenceSweeper);
    // Within the grace period nothing goes; after it, only the object without a row.
    await sweeper.sweep(60 * 60 * 1000);
    expect(await listKeys(s3, orphan)).toEqual([orphan]);
    h.setNow(new Date(Date.now() + 2 * 60 * 60 * 1000));
    expect(await sweeper.sweep(60 * 60 * 1000)).toBeGreaterThanOrEqual(1);
    h.setNow(OPENED_AT);
    expect(await listKeys(s3, orphan)).toEqual([]);
    const keptKey = `${prefix}evidence/${disputeId}/${kept.body.items[0].evidenceId}`;
    expect(sha256(await getObject(s3, keptKey))).toBe(kept.body.items[0].sha256);
  });
});
