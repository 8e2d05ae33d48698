import {
  createEnvelope,
  Topics,
  uuidv7,
  verifyDisputeExport,
  type EventEnvelope,
  type MessagePostedPayload,
} from '@settle/contracts';
import { eventSamples } from '@settle/contracts/testing';
import { eventually } from '@settle/testing';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idempotencyKey, OPENED_AT, openBody, startIntake, type IntakeHarness } from '../testing/intake-harness';

/** `message.posted` as negotiation publishes it, on a dispute. */
function messagePosted(disputeId: string, body: string, messageId = uuidv7()): EventEnvelope<MessagePostedPayload> {
  return createEnvelope<MessagePostedPayload>(
    {
      type: 'message.posted',
      source: 'negotiation',
      subject: disputeId,
      data: { ...eventSamples['message.posted'](), messageId, disputeId, body, postedAt: '2025-07-11T12:30:00Z' },
    },
    { validateData: true },
  );
}

/** Runs `npm run verify-export` on a bundle as someone holding the file would; returns its exit code. */
function verifyExportCli(bundle: string): number {
  const file = join(mkdtempSync(join(tmpdir(), 'settle-export-')), 'bundle.json');
  writeFileSync(file, bundle);
  try {
    execFileSync('npx', ['tsx', 'deploy/scripts/verify-export.ts', file], { stdio: 'pipe' });
    return 0;
  } catch (error) {
    return (error as { status: number }).status;
  }
}

describe('dispute-intake: messages in the dispute’s hash chain (message.posted from negotiation)', () => {
  let h: IntakeHarness;

  beforeAll(async () => {
    h = await startIntake('intake_messages');
    h.setNow(OPENED_AT);
  });

  afterAll(async () => {
    await h.close();
  });

  const publish = (envelope: EventEnvelope) =>
    h.kafka.produce(Topics.MESSAGE_EVENTS, [{ key: envelope.subject, value: JSON.stringify(envelope) }]);

  async function exported(disputeId: string) {
    const response = await h.api('GET', `/v1/disputes/${disputeId}/export`, h.keys.seller);
    expect(response.status).toBe(200);
    return response.body;
  }

  it('chains a posted message between the events, exported and verified offline; a changed message byte fails', async () => {
    const opened = await h.api('POST', '/v1/disputes', h.keys.platform, openBody(), idempotencyKey());
    expect(opened.status).toBe(201);
    const disputeId: string = opened.body.id;

    const first = messagePosted(disputeId, 'We are sorry: we will refund the missing pieces today.');
    await publish(first);
    // The same envelope again, and the same message under a new envelope: chained once.
    await publish(first);
    await publish(
      messagePosted(disputeId, 'We are sorry: we will refund the missing pieces today.', first.data.messageId),
    );
    const second = messagePosted(disputeId, 'Thank you, waiting for it.');
    await publish(second);
    await eventually(async () => (await exported(disputeId)).events.length === 3, {
      what: 'both messages in the chain',
    });

    // An event after the messages links to the last message.
    const cancelled = await h.api('POST', `/v1/disputes/${disputeId}/cancel`, h.keys.platform, { reason: 'Agreed.' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.version).toBe(2); // messages do not change the dispute's version
    const bundle = await exported(disputeId);
    expect(bundle.events.map((link: { type: string; version: number }) => [link.type, link.version])).toEqual([
      ['dispute.opened', 1],
      ['message.posted', 2],
      ['message.posted', 3],
      ['dispute.cancelled', 4],
    ]);
    expect(bundle.events[1]).toMatchObject({
      eventId: first.id,
      occurredAt: '2025-07-11T12:30:00.000Z',
      data: { messageId: first.data.messageId, body: 'We are sorry: we will refund the missing pieces today.' },
      prevHash: bundle.events[0].hash,
    });
    expect(bundle.events[3].prevHash).toBe(bundle.events[2].hash);
    expect(bundle.events[3].data.version).toBe(2);

    const text = JSON.stringify(bundle);
    expect(verifyDisputeExport(text)).toMatchObject({ ok: true, disputeId, events: 4, headHash: bundle.headHash });
    expect(verifyExportCli(text)).toBe(0);

    // Any byte of a message link changed: the bundle no longer verifies.
    const link = JSON.stringify(bundle.events[1]);
    const start = text.indexOf(link);
    expect(start).toBeGreaterThan(0);
    let verifiedAfterChange = 0;
    for (let index = start; index < start + link.length; index += 1) {
      const tampered = text.slice(0, index) + (text[index] === 'a' ? 'b' : 'a') + text.slice(index + 1);
      if (verifyDisputeExport(tampered).ok) verifiedAfterChange += 1;
    }
    expect(verifiedAfterChange).toBe(0);
    const reworded = text.replace('refund the missing pieces', 'refund the missing piece.');
    expect(reworded).not.toBe(text);
    expect(verifyDisputeExport(reworded)).toMatchObject({ ok: false });
    expect(verifyExportCli(reworded)).toBe(1);
    // Removing a message from the chain breaks the next link.
    const withoutMessage = { ...bundle, events: [bundle.events[0], ...bundle.events.slice(2)] };
    expect(verifyDisputeExport(withoutMessage).ok).toBe(false);
  });

  it('ignores a message about a dispute it does not know', async () => {
    const unknown = messagePosted(uuidv7(), 'Hello?');
    await publish(unknown);
    await eventually(
      async () =>
        (
          await h.dataSource.query(`SELECT 1 FROM inbox WHERE consumer = 'dispute-intake.messages' AND event_id = $1`, [
            unknown.id,
          ])
        ).length === 1,
      { what: 'the message handled' },
    );
    const [{ count } = { count: NaN }] = await h.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM dispute_messages WHERE dispute_id = $1`,
      [unknown.data.disputeId],
    );
    expect(count).toBe(0);
  });
});
