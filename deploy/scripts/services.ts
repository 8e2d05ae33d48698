/** The four services as `npm start` and the end-to-end tests run them: separate processes from dist/. */
export const SERVICES = [
  { name: 'listing-audit', port: 3001 },
  { name: 'dispute-intake', port: 3002 },
  { name: 'negotiation', port: 3003 },
  { name: 'escalation-timer', port: 3004 },
] as const;

export type ServiceName = (typeof SERVICES)[number]['name'];

/** The console (apps/console): the web app and its gateway to the four services; Postgres only, no Kafka. */
export const CONSOLE = { name: 'console', port: 3005 } as const;

/** The console's environment: where each of the four services is (`LISTING_AUDIT_URL`, ...). */
export function consoleUpstreams(ports: Record<ServiceName, number>): Record<string, string> {
  return Object.fromEntries(
    SERVICES.map(({ name }) => [`${name.toUpperCase().replace(/-/g, '_')}_URL`, `http://127.0.0.1:${ports[name]}`]),
  );
}

/** `SETTLE_DIST_DIR` (default `dist`) runs the services from another build, e.g. one kept apart from ongoing edits. */
export function serviceEntry(name: ServiceName | typeof CONSOLE.name): string {
  return `${process.env.SETTLE_DIST_DIR ?? 'dist'}/apps/${name}/src/main.js`;
}
