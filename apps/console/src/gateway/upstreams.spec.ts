import { forwardedRequestHeaders, gatewayLocation, returnedResponseHeaders } from './upstreams';

describe('what crosses the gateway', () => {
  it('forwards what describes the body and the answer wanted, plus the session’s key; never cookies or Origin', () => {
    const headers = forwardedRequestHeaders(
      {
        cookie: 'settle_session=x',
        authorization: 'Bearer forged',
        origin: 'http://127.0.0.1:3005',
        referer: 'http://127.0.0.1:3005/queue',
        'x-settle-console': '1',
        host: '127.0.0.1:3005',
        connection: 'keep-alive',
        accept: 'application/json',
        'content-type': 'application/json',
        'content-length': '12',
        'idempotency-key': 'k-1',
      },
      'stl_staff_key',
      'corr-1',
    );
    expect(headers).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
      'content-length': '12',
      'idempotency-key': 'k-1',
      authorization: 'Bearer stl_staff_key',
      'x-correlation-id': 'corr-1',
    });
  });

  it('keeps a chunked body chunked', () => {
    expect(forwardedRequestHeaders({ 'transfer-encoding': 'chunked' }, 'k', 'c')['transfer-encoding']).toBe('chunked');
  });

  it('returns content headers and Location, never Set-Cookie; no-store unless the service says otherwise', () => {
    const upstream = new URL('http://127.0.0.1:3003');
    expect(
      returnedResponseHeaders(
        {
          'content-type': 'application/problem+json',
          'set-cookie': ['a=1'],
          location: '/v1/commands/C-1',
          server: 'x',
        },
        'negotiation',
        upstream,
      ),
    ).toEqual({
      'content-type': 'application/problem+json',
      'cache-control': 'no-store',
      location: '/api/negotiation/v1/commands/C-1',
    });
    expect(returnedResponseHeaders({ 'cache-control': 'max-age=60' }, 'negotiation', upstream)['cache-control']).toBe(
      'max-age=60',
    );
  });

  it('makes a service’s Location reachable through the gateway, and leaves foreign ones alone', () => {
    const upstream = new URL('http://127.0.0.1:3004');
    expect(gatewayLocation('http://127.0.0.1:3004/v1/escalations/E?x=1', 'escalation-timer', upstream)).toBe(
      '/api/escalation-timer/v1/escalations/E?x=1',
    );
    expect(gatewayLocation('https://seller.example/hook', 'escalation-timer', upstream)).toBe(
      'https://seller.example/hook',
    );
    expect(gatewayLocation('//evil.example/x', 'escalation-timer', upstream)).toBe('//evil.example/x');
  });
});
