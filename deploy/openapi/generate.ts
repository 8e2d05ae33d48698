import type { Type } from '@nestjs/common';
import { previewOpenApiDocument, type ServiceDefinition } from '@settle/platform';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AppModule as DisputeIntakeModule } from '../../apps/dispute-intake/src/app.module';
import { DisputeIntakeService } from '../../apps/dispute-intake/src/service';
import { AppModule as EscalationTimerModule } from '../../apps/escalation-timer/src/app.module';
import { EscalationTimerService } from '../../apps/escalation-timer/src/service';
import { AppModule as ListingAuditModule } from '../../apps/listing-audit/src/app.module';
import { ListingAuditService } from '../../apps/listing-audit/src/service';
import { AppModule as NegotiationModule } from '../../apps/negotiation/src/app.module';
import { NegotiationService } from '../../apps/negotiation/src/service';

/** The four services whose `/docs-json` the console's typed client is generated from. */
export const OPENAPI_SERVICES: [ServiceDefinition, Type<unknown>][] = [
  [ListingAuditService, ListingAuditModule],
  [DisputeIntakeService, DisputeIntakeModule],
  [NegotiationService, NegotiationModule],
  [EscalationTimerService, EscalationTimerModule],
];

export const ROOT = join(__dirname, '../..');
/** Where the documents (`openapi/<service>.json`) and their types (`schema/<service>.ts`) are committed. */
export const COMMITTED_API = join(ROOT, 'apps/console/web/src/api');

export interface GeneratedApi {
  service: string;
  /** The document as `/docs-json` serves it, pretty-printed. */
  documentPath: string;
  /** `openapi-typescript`'s types for it. */
  typesPath: string;
}

/**
 * Writes each service's OpenAPI document and its TypeScript types under `folder` (`openapi/<service>.json`,
 * `schema/<service>.ts`), produced afresh with no Postgres or Kafka. openapi-typescript runs as its own CLI: its
 * CommonJS build requires ES modules that jest's module loader cannot load.
 */
export async function generateApis(folder: string): Promise<GeneratedApi[]> {
  mkdirSync(join(folder, 'openapi'), { recursive: true });
  mkdirSync(join(folder, 'schema'), { recursive: true });
  const apis: GeneratedApi[] = [];
  for (const [definition, module] of OPENAPI_SERVICES) {
    const document = await previewOpenApiDocument(module, definition);
    const api = {
      service: definition.name,
      documentPath: join(folder, 'openapi', `${definition.name}.json`),
      typesPath: join(folder, 'schema', `${definition.name}.ts`),
    };
    writeFileSync(api.documentPath, `${JSON.stringify(document, null, 2)}\n`);
    apis.push(api);
  }
  await Promise.all(apis.map((api) => runBin('openapi-typescript', [api.documentPath, '--output', api.typesPath])));
  return apis;
}

/** Runs a package's CLI on this Node; rejects with its output when it exits non-zero. */
export async function runBin(name: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const bin = (
    JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    }
  ).bin;
  const entry = bin[name.split('/').at(-1) ?? name] ?? Object.values(bin)[0];
  if (entry === undefined) throw new Error(`${name} has no bin`);
  const script = join(ROOT, 'node_modules', name, entry);
  // Redocly CLI would report usage to its vendor and look for a newer version: neither, in a test.
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  return promisify(execFile)(process.execPath, [script, ...args], { cwd: ROOT, env, maxBuffer: 32 * 1024 * 1024 });
}
