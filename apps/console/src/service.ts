import type { ServiceDefinition } from '@settle/platform';
import { ConsoleConfig } from './console.config';
import { ConsoleSessions1765900000000 } from './migrations/1765900000000-console-sessions';
import { SessionEntity } from './sessions/session.entity';

export const ConsoleService: ServiceDefinition = {
  name: 'console',
  schema: 'console',
  defaultPort: 3005,
  title: 'console',
  description: 'The staff and seller web console: the single-page app, its sessions, and a gateway to the services.',
  config: ConsoleConfig,
  entities: [SessionEntity],
  migrations: [ConsoleSessions1765900000000],
  messaging: false,
};
