import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { NextFunction, Request, Response } from 'express';
import { AppModule } from './app.module';
import { ConsoleConfig, consoleOrigins, trustProxySetting } from './console.config';
import { csrfGuard } from './security/csrf';
import { securityHeaders } from './security/security-headers';
import { GatewayMiddleware } from './gateway/gateway.middleware';
import { ConsoleService } from './service';

/**
 * The console app, initialised but not listening. No body parser (the gateway streams bodies; the sign-in reads its
 * own), and before anything else the security headers and the CSRF check, so they hold for every response, errors
 * included; then the gateway, ahead of Nest's own middleware and router (a hop costs what it must, nothing more).
 */
export async function createConsoleApp(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const config = app.get(ConsoleConfig);
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxySetting(config.CONSOLE_TRUST_PROXY));
  app.use(securityHeaders);
  app.use(csrfGuard(consoleOrigins(config, config.PORT ?? ConsoleService.defaultPort)));
  const gateway = app.get(GatewayMiddleware);
  app.use('/api', (request: Request, response: Response, next: NextFunction) => gateway.use(request, response, next));
  await app.init();
  return app;
}

/** `main.ts`: listen on PORT (3005 by default) and say where. */
export async function bootstrapConsole(): Promise<void> {
  const app = await createConsoleApp();
  const port = app.get(ConsoleConfig).PORT ?? ConsoleService.defaultPort;
  await app.listen(port, '0.0.0.0');
  app.get(Logger).log(`console listening on http://127.0.0.1:${port}`);
}
