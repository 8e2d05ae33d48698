import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { PlatformModule } from '@settle/platform';
import { ConsoleConfig } from './console.config';
import { GatewayMiddleware } from './gateway/gateway.middleware';
import { ConsoleService } from './service';
import { JsonBodyMiddleware } from './sessions/json-body.middleware';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsRepository } from './sessions/sessions.repository';
import { SessionsService } from './sessions/sessions.service';
import { SignInLimiter } from './sessions/sign-in-limiter';
import { SpaMiddleware } from './spa/spa.middleware';

@Module({
  imports: [PlatformModule.forService(ConsoleService)],
  controllers: [SessionsController],
  providers: [
    GatewayMiddleware,
    SessionsRepository,
    SessionsService,
    {
      provide: SignInLimiter,
      inject: [ConsoleConfig],
      useFactory: (config: ConsoleConfig) =>
        new SignInLimiter(config.CONSOLE_SIGNIN_MAX_FAILURES, config.CONSOLE_SIGNIN_WINDOW_MS),
    },
  ],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(JsonBodyMiddleware).forRoutes({ path: 'api/session', method: RequestMethod.POST });
    consumer.apply(SpaMiddleware).forRoutes('{*path}');
  }
}
