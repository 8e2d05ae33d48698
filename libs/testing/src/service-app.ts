import type { INestApplication, Type } from '@nestjs/common';
import { ApiKeyStore, createServiceApp, type Role, type ServiceDefinition } from '@settle/platform';

export interface RunningService {
  app: INestApplication;
  baseUrl: string;
  keys: ApiKeyStore;
  createKey(role: Role, sellerId?: string): Promise<string>;
  close(): Promise<void>;
}

/** Boots a service in-process on a free port, on the test file's own schema and topic prefix. */
export async function startService(module: Type<unknown>, definition: ServiceDefinition): Promise<RunningService> {
  const app = await createServiceApp(module, definition);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const keys = app.get(ApiKeyStore);
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    keys,
    createKey: async (role, sellerId) => (await keys.create({ role, sellerId })).key,
    close: () => app.close(),
  };
}
