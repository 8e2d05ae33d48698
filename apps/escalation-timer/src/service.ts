import type { ServiceDefinition } from '@settle/platform';

export const EscalationTimerService: ServiceDefinition = {
  name: 'escalation-timer',
  schema: 'escalation_timer',
  defaultPort: 3004,
  title: 'escalation-timer',
  description: 'Durable deadlines, reminders, automatic actions, the staff escalation queue and rulings.',
  entities: [],
  migrations: [],
};
