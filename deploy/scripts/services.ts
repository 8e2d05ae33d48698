/** The four services as `npm start` and the end-to-end tests run them: separate processes from dist/. */
export const SERVICES = [
  { name: 'listing-audit', port: 3001 },
  { name: 'dispute-intake', port: 3002 },
  { name: 'negotiation', port: 3003 },
  { name: 'escalation-timer', port: 3004 },
] as const;

export type ServiceName = (typeof SERVICES)[number]['name'];

export function serviceEntry(name: ServiceName): string {
  return `dist/apps/${name}/src/main.js`;
}
