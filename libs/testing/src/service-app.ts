import type { INestApplication, Type } from '@nestjs/common';
import { ApiKeyStore, createServiceApp, type Role, type ServiceDefinition } from '@settle/platform';

export interface RunningService {
  app: INestApplication;
  baseUrl: string;
  keys: ApiKeyStore;
  createKey(role: Role, sellerId?: string): Promise<string>;
  /** An HTTP call as a client makes it: the key as a bearer token, the body as JSON. */
  call(method: string, path: string, key?: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/** Expects an RFC 9457 problem with this status, and returns it. */
export async function expectProblem(
  response: Response,
  status: number,
): Promise<{ type: string; detail: string; code?: string; errors?: { field: string; message: string }[] }> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await response.json()) as { type: string; detail: string; errors?: { field: string; message: string }[] };
}

/** Boots a service in-process on a free port, on the test file's own schema and topic prefix. */
export async function startService(module: Type<unknown>, definition: ServiceDefinition): Promise<RunningService> {
  const app = await createServiceApp(module, definition);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const keys = app.get(ApiKeyStore);
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    app,
    baseUrl,
    keys,
    createKey: async (role, sellerId) => (await keys.create({ role, sellerId })).key,
    call: (method, path, key, body, headers) =>
      fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      }),
    close: () => app.close(),
  };
}
