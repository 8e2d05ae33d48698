import 'reflect-metadata';
import { bootstrapConsole } from './console-app';

bootstrapConsole().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
