import type { ServiceDefinition } from '@settle/platform';

export const DisputeIntakeService: ServiceDefinition = {
  name: 'dispute-intake',
  schema: 'dispute_intake',
  defaultPort: 3002,
  title: 'dispute-intake',
  description: 'Opening disputes, eligibility, the lifecycle owner of every dispute, and seller metrics.',
  entities: [],
  migrations: [],
};
