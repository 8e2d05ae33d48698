import { checkEndpointForm, EVERY_TYPE_LISTED, toggleEventType, WEBHOOK_EVENT_TYPES } from './webhooks';

describe('the event types an endpoint subscribes to', () => {
  it('lists every type of the contract once, "every event" first', () => {
    expect(EVERY_TYPE_LISTED).toBe(true);
    expect(new Set(WEBHOOK_EVENT_TYPES).size).toBe(WEBHOOK_EVENT_TYPES.length);
    expect(WEBHOOK_EVENT_TYPES[0]).toBe('*');
  });

  it('keeps "every event" alone: choosing it clears the others, choosing another clears it', () => {
    expect(toggleEventType(['dispute.opened', 'message.posted'], '*', true)).toEqual(['*']);
    expect(toggleEventType(['*'], 'dispute.ruled', true)).toEqual(['dispute.ruled']);
  });

  it('adds in the list’s order and removes what is unticked', () => {
    expect(toggleEventType(['message.posted'], 'dispute.opened', true)).toEqual(['dispute.opened', 'message.posted']);
    expect(toggleEventType(['dispute.opened', 'message.posted'], 'dispute.opened', false)).toEqual(['message.posted']);
    expect(toggleEventType(['dispute.opened'], 'dispute.opened', true)).toEqual(['dispute.opened']);
  });
});

describe('the add-endpoint form', () => {
  it('sends a full http(s) address and the chosen types', () => {
    expect(checkEndpointForm({ url: ' https://shop.example.com/hooks ', eventTypes: ['dispute.opened'] })).toEqual({
      ok: true,
      body: { url: 'https://shop.example.com/hooks', eventTypes: ['dispute.opened'] },
    });
  });

  it('refuses an address that is not a full http(s) URL (the service judges which hosts it accepts)', () => {
    for (const url of ['', 'shop.example.com/hooks', 'ftp://shop.example.com', 'javascript:alert(1)']) {
      expect(checkEndpointForm({ url, eventTypes: ['*'] })).toEqual({ ok: false, problem: 'url' });
    }
  });

  it('asks for at least one event type', () => {
    expect(checkEndpointForm({ url: 'https://shop.example.com', eventTypes: [] })).toEqual({
      ok: false,
      problem: 'eventTypes',
    });
  });
});
