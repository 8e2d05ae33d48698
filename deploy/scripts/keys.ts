/**
 * `npm run keys -- create --role <platform|seller|staff|lead> [--seller-id S] [--staff-id ID] [--label TEXT]`
 * prints a new API key once (only its hash is stored). `npm run keys -- revoke --id <key id>`.
 * The database is DATABASE_URL, else the one `npm start` is running on, else the local default.
 */
import { ApiKeyStore, ensureAuthSchema, ROLES, type Role } from '@settle/platform';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';

export function runtimeDatabaseUrl(): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  if (existsSync('.cache/runtime.json')) {
    return (JSON.parse(readFileSync('.cache/runtime.json', 'utf8')) as { databaseUrl: string }).databaseUrl;
  }
  return 'postgres://postgres@127.0.0.1:5432/settle';
}

export async function withKeyStore<T>(
  databaseUrl: string,
  work: (store: ApiKeyStore) => Promise<T>,
  schema = process.env.AUTH_SCHEMA ?? 'auth',
): Promise<T> {
  const dataSource = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
  try {
    await ensureAuthSchema(dataSource, schema);
    return await work(new ApiKeyStore(dataSource, schema));
  } finally {
    await dataSource.destroy();
  }
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      'seller-id': { type: 'string' },
      'staff-id': { type: 'string' },
      label: { type: 'string' },
      id: { type: 'string' },
    },
  });
  const [command] = positionals;
  if (command === 'create') {
    const role = values.role as Role | undefined;
    if (!role || !ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
    const created = await withKeyStore(runtimeDatabaseUrl(), (store) =>
      store.create({ role, sellerId: values['seller-id'], staffId: values['staff-id'], label: values.label }),
    );
    console.log(`key id: ${created.id}`);
    console.log(`role:   ${created.role}${created.sellerId ? ` (seller ${created.sellerId})` : ''}`);
    console.log(`key:    ${created.key}`);
    console.log('The key is shown once; only its hash is stored.');
  } else if (command === 'revoke' && values.id) {
    const id = values.id;
    await withKeyStore(runtimeDatabaseUrl(), (store) => store.revoke(id));
    console.log(`revoked ${id}`);
  } else {
    throw new Error(
      'usage: npm run keys -- create --role <platform|seller|staff|lead> [--seller-id S] | revoke --id ID',
    );
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
